package io.duocache.starter.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.duocache.CacheDataManager;
import io.duocache.data.DataCaches;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries that know their entities ({@code duocache.data.invalidate-on-entity-change}): a committed
 * change of an entity invalidates exactly the cached values that loaded it, an insert the values over
 * its type, a rollback nothing. Hibernate's statistics tell a recomputation from a hit.
 */
class EntityInvalidationTests {

	private ConfigurableApplicationContext context;

	private long bettyId;

	private long jewelId;

	@AfterEach
	void close() {
		OwnerDirectory.afterRead = () -> {
		};
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aCommittedRenameRecomputesTheValuesThatLoadedTheOwnerAndNoOthers() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		Clinic clinic = this.context.getBean(Clinic.class);
		owners.findByLastName("Davis");
		owners.findByLastName("Franklin");
		clinic.ownerNames();
		inTransaction((entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(statements(() -> owners.findByLastName("Davis"))).as("held Betty").isPositive();
		assertThat(owners.findByLastName("Davis")).hasSize(1);
		assertThat(statements(() -> clinic.ownerNames())).as("built from Betty").isPositive();
		assertThat(clinic.ownerNames()).contains("Davies");
		assertThat(statements(() -> owners.findByLastName("Franklin"))).as("never held Betty").isZero();
		assertThat(dataManager().info("OwnerRepository.findByLastName").hits()).isPositive();
		assertThat(dataManager().info("OwnerRepository.findByLastName").invalidateOnEntityChange()).isTrue();
		assertThat(this.context.getBean(DataCaches.class).getTierCache("OwnerRepository.findByLastName").counters()
			.entityInvalidations()).as("duocache.invalidations{cause=entity}").isOne();
	}

	@Test
	void aDeletedPetRecomputesTheValuesThatHeldIt() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		assertThat(owners.withPets("Dav")).flatExtracting((owner) -> owner.pets).extracting((pet) -> pet.name)
			.contains("Jewel");
		owners.countOf("Franklin");
		inTransaction((entityManager) -> {
			Pet jewel = entityManager.find(Pet.class, this.jewelId);
			jewel.owner.pets.remove(jewel);
			entityManager.remove(jewel);
		});
		assertThat(owners.withPets("Dav")).flatExtracting((owner) -> owner.pets).extracting((pet) -> pet.name)
			.doesNotContain("Jewel");
		// A list whose query read the pets' table depends on every pet (a change could move one into
		// it); a count over owners alone reads no pet.
		assertThat(statements(() -> owners.countOf("Franklin"))).isZero();
	}

	@Test
	void anInsertedOwnerRecomputesTheValuesOverOwners() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		assertThat(owners.findByLastName("Franklin")).hasSize(1);
		inTransaction((entityManager) -> entityManager.persist(new Owner("Ann", "Franklin")));
		assertThat(owners.findByLastName("Franklin")).hasSize(2);
	}

	@Test
	void aRollbackInvalidatesNothing() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Davis");
		TransactionTemplate transaction = new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class));
		transaction.executeWithoutResult((status) -> {
			EntityManager entityManager = EntityManagerFactoryUtils
				.getTransactionalEntityManager(this.context.getBean(EntityManagerFactory.class));
			entityManager.find(Owner.class, this.bettyId).lastName = "Never";
			entityManager.flush();
			status.setRollbackOnly();
		});
		assertThat(statements(() -> owners.findByLastName("Davis"))).isZero();
	}

	@Test
	void aCacheThatSaysNoKeepsItsEntries() {
		start("duocache.caches.[OwnerRepository.findByLastName].invalidate-on-entity-change=false");
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Davis");
		inTransaction((entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(statements(() -> owners.findByLastName("Davis"))).as("invalidated only by its ttl").isZero();
		assertThat(dataManager().info("OwnerRepository.findByLastName").invalidateOnEntityChange()).isFalse();
		assertThat(dataManager().info("OwnerRepository.withPets").invalidateOnEntityChange()).isTrue();
	}

	@Test
	void aRenameThroughTheRepositorysSaveRecomputesTheValuesThatHeldTheOwner() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Davis");
		owners.findByLastName("Franklin");
		Owner detached = owners.findById(this.bettyId).orElseThrow();
		detached.lastName = "Davies";
		owners.save(detached);
		assertThat(owners.findByLastName("Davis")).extracting((owner) -> owner.firstName).containsExactly("Harold");
		assertThat(statements(() -> owners.findByLastName("Franklin"))).isZero();
	}

	@Test
	void aValueHoldingAnEntityLoadedBeforeItsComputationStartedDependsOnIt() {
		start();
		OwnerDirectory directory = this.context.getBean(OwnerDirectory.class);
		inTransaction((entityManager) -> {
			Owner betty = entityManager.find(Owner.class, this.bettyId);
			Hibernate.initialize(betty.pets);
			betty.pets.forEach((pet) -> Hibernate.initialize(pet.type));
			// The owner is in the transaction's persistence context: Hibernate loads nothing for it now.
			assertThat(statements(() -> directory.owner(this.bettyId))).isZero();
		});
		assertThat(statements(() -> directory.owner(this.bettyId))).as("stored").isZero();
		inTransaction((entityManager) -> entityManager.find(Owner.class, this.bettyId).firstName = "Bette");
		assertThat(directory.owner(this.bettyId).firstName).isEqualTo("Bette");
	}

	@Test
	void aQueryThatFoundNothingRecomputesOnceAnOwnerItLooksForIsInserted() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		assertThat(owners.findByLastName("Nobody")).isEmpty();
		assertThat(statements(() -> owners.findByLastName("Nobody"))).isZero();
		inTransaction((entityManager) -> entityManager.persist(new Owner("Ann", "Nobody")));
		assertThat(owners.findByLastName("Nobody")).hasSize(1);
	}

	@Test
	void aCountRecomputesOnAChangeOfAnEntityItNeverLoaded() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		assertThat(owners.countOf("Davis")).isEqualTo(2);
		inTransaction((entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(owners.countOf("Davis")).isOne();
	}

	@Test
	void aBulkModifyingQueryInvalidatesTheValuesOverItsTypeAfterItsCommit() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		VetRepository vets = this.context.getBean(VetRepository.class);
		owners.findByLastName("Franklin");
		vets.findByNameStartingWith("J");
		assertThat(owners.renameFirstNames("Franklin", "Georgina")).isOne();
		assertThat(owners.findByLastName("Franklin")).extracting((owner) -> owner.firstName).containsExactly("Georgina");
		assertThat(statements(() -> vets.findByNameStartingWith("J"))).as("no vet changed").isZero();
	}

	@Test
	void aRolledBackBulkQueryInvalidatesNothingAndItsTransactionReadsItsOwnChange() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Franklin");
		TransactionTemplate transaction = new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class));
		transaction.executeWithoutResult((status) -> {
			owners.renameFirstNames("Franklin", "Georgina");
			assertThat(owners.findByLastName("Franklin")).extracting((owner) -> owner.firstName)
				.as("inside the transaction").containsExactly("Georgina");
			status.setRollbackOnly();
		});
		assertThat(statements(() -> owners.findByLastName("Franklin"))).isZero();
		assertThat(owners.findByLastName("Franklin")).extracting((owner) -> owner.firstName).containsExactly("George");
	}

	@Test
	void insideTheWritingTransactionCachedReadsSeeItsFlushedChangesAndStoreNothing() throws Exception {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Davis");
		TransactionTemplate transaction = new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class));
		transaction.executeWithoutResult((status) -> {
			EntityManager entityManager = EntityManagerFactoryUtils
				.getTransactionalEntityManager(this.context.getBean(EntityManagerFactory.class));
			entityManager.find(Owner.class, this.bettyId).lastName = "Davies";
			entityManager.flush();
			assertThat(owners.findByLastName("Davis")).as("the transaction reads its own write").hasSize(1);
			assertThat(owners.findByLastName("Davies")).hasSize(1);
			try {
				assertThat(CompletableFuture.supplyAsync(() -> owners.findByLastName("Davis").size()).get())
					.as("another thread still reads what is committed").isEqualTo(2);
			}
			catch (InterruptedException | ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
			status.setRollbackOnly();
		});
		assertThat(statements(() -> owners.findByLastName("Davis"))).as("the committed entry stayed").isZero();
		assertThat(owners.findByLastName("Davis")).hasSize(2);
		assertThat(statements(() -> owners.findByLastName("Davies"))).as("nothing uncommitted was stored").isPositive();
		assertThat(owners.findByLastName("Davies")).isEmpty();
	}

	@Test
	void aComputationThatReadAnOwnerWhileARenameOfItCommittedIsNotStored() throws Exception {
		start();
		OwnerDirectory directory = this.context.getBean(OwnerDirectory.class);
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch committed = new CountDownLatch(1);
		OwnerDirectory.afterRead = () -> {
			read.countDown();
			await(committed);
		};
		CompletableFuture<List<String>> computing = CompletableFuture.supplyAsync(() -> directory.firstNames("Davis"));
		await(read);
		OwnerDirectory.afterRead = () -> {
		};
		inTransaction((entityManager) -> entityManager.find(Owner.class, this.bettyId).firstName = "Bette");
		committed.countDown();
		assertThat(computing.get(30, TimeUnit.SECONDS)).as("read before the commit").containsExactly("Betty", "Harold");
		assertThat(directory.firstNames("Davis")).containsExactly("Bette", "Harold");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void inTransaction(java.util.function.Consumer<EntityManager> work) {
		new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class)).executeWithoutResult(
				(status) -> work.accept(EntityManagerFactoryUtils
					.getTransactionalEntityManager(this.context.getBean(EntityManagerFactory.class))));
	}

	private long statements(Supplier<?> call) {
		Statistics statistics = this.context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class)
			.getStatistics();
		statistics.clear();
		call.get();
		return statistics.getPrepareStatementCount();
	}

	private CacheDataManager dataManager() {
		return this.context.getBean(CacheDataManager.class);
	}

	private void start(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.jpa.hibernate.ddl-auto=create-drop", "spring.jpa.properties.hibernate.generate_statistics=true",
				"spring.main.web-application-type=none", "duocache.data.invalidate-on-entity-change=true",
				"logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=warn"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(ClinicApplicationTests.ClinicApp.class)
			.properties(all.toArray(String[]::new))
			.run();
		PetType cat = new PetType("cat");
		Owner betty = new Owner("Betty", "Davis");
		betty.adopt("Leo", cat);
		Owner harold = new Owner("Harold", "Davis");
		Pet jewel = harold.adopt("Jewel", cat);
		Owner george = new Owner("George", "Franklin");
		inTransaction((entityManager) -> {
			entityManager.persist(cat);
			entityManager.persist(new Vet("James Carter", "-"));
			List.of(betty, harold, george).forEach(entityManager::persist);
		});
		this.bettyId = betty.id;
		this.jewelId = jewel.id;
		dataManager().clear();
	}

}
