package io.duocache.starter.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
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
		owners.findByLastName("Franklin");
		inTransaction((entityManager) -> {
			Pet jewel = entityManager.find(Pet.class, this.jewelId);
			jewel.owner.pets.remove(jewel);
			entityManager.remove(jewel);
		});
		assertThat(owners.withPets("Dav")).flatExtracting((owner) -> owner.pets).extracting((pet) -> pet.name)
			.doesNotContain("Jewel");
		assertThat(statements(() -> owners.findByLastName("Franklin"))).isZero();
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
			List.of(betty, harold, george).forEach(entityManager::persist);
		});
		this.bettyId = betty.id;
		this.jewelId = jewel.id;
		dataManager().clear();
	}

}
