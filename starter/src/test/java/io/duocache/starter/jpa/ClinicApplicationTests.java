package io.duocache.starter.jpa;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;

import io.duocache.CacheDataManager;
import io.duocache.CacheInfo;
import io.duocache.UnserializableReturnValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring Data JPA application of the PetClinic kind on Hibernate and H2, with the cache annotation
 * on its repository interfaces and on a service interface: every hit runs no SQL (Hibernate's
 * statistics count the statements), a caller that changes the entities, sets and pages it got never
 * reaches the cache, the copy keeps the entity graph's shape, and what cannot be copied is refused
 * with a message that says why and how to fix it.
 */
class ClinicApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void cachesADerivedQueryOfARepositoryInterfaceAndRunsNoSqlOnAHit() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		Statistics statistics = statistics();
		List<Owner> first = owners.findByLastName("Davis");
		assertThat(statistics.getPrepareStatementCount()).as("the miss queries").isPositive();
		statistics.clear();
		List<Owner> hit = owners.findByLastName("Davis");
		assertThat(statistics.getPrepareStatementCount()).as("statements run by the hit").isZero();
		assertThat(hit).extracting((owner) -> owner.firstName).containsExactlyInAnyOrderElementsOf(
				first.stream().map((owner) -> owner.firstName).toList());
		assertThat(hit.get(0)).isNotSameAs(first.get(0));
		CacheInfo info = this.context.getBean(CacheDataManager.class).info("OwnerRepository.findByLastName");
		assertThat(info.hits()).isEqualTo(1);
		assertThat(info.misses()).isEqualTo(1);
	}

	@Test
	void cachesQueryMethodsDefaultMethodsAndRedeclaredInheritedMethods() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.withPets("Dav");
		owners.countOf("Davis");
		owners.findAll();
		Statistics statistics = statistics();
		statistics.clear();
		assertThat(owners.withPets("Dav")).hasSize(2);
		assertThat(owners.countOf("Davis")).isEqualTo(2);
		assertThat(owners.findAll()).hasSize(3);
		assertThat(statistics.getPrepareStatementCount()).isZero();
		assertThat(this.context.getBean(CacheDataManager.class).getCacheNames()).contains(
				"OwnerRepository.findByLastName", "OwnerRepository.withPets", "OwnerRepository.countOf",
				"OwnerRepository.findAll", "OwnerRepository.findByFirstName", "PetRepository.findByName");
	}

	@Test
	void keepsTheCacheWhenACallerChangesTheEntitiesAndSetsItGot() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		owners.findByLastName("Davis");
		List<Owner> copy = owners.findByLastName("Davis");
		Owner changed = copy.get(0);
		changed.lastName = "Changed";
		changed.pets.clear();
		copy.get(1).pets.iterator().next().name = "Renamed";
		copy.clear();

		List<Owner> again = owners.findByLastName("Davis");
		assertThat(again).hasSize(2).allMatch((owner) -> owner.lastName.equals("Davis"));
		assertThat(again).flatExtracting((owner) -> owner.pets).extracting((pet) -> pet.name)
			.containsExactlyInAnyOrder("Leo", "Basil", "Jewel");
		assertThat(owners.countByLastName("Changed")).as("a copy is never managed, so nothing is written").isZero();
	}

	@Test
	void copiesHibernateCollectionsAsJdkCollectionsThatKeepTheGraphsShape() {
		start();
		List<Owner> copy = this.context.getBean(OwnerRepository.class).findByLastName("Davis");
		copy = this.context.getBean(OwnerRepository.class).findByLastName("Davis");
		for (Owner owner : copy) {
			assertThat(owner.getClass()).isEqualTo(Owner.class);
			assertThat(owner.pets.getClass().getName()).startsWith("java.util.");
			for (Pet pet : owner.pets) {
				assertThat(pet.getClass()).isEqualTo(Pet.class);
				assertThat(pet.owner).as("the back reference points into the copy").isSameAs(owner);
				assertThat(pet.type.getClass()).isEqualTo(PetType.class);
			}
		}
		Map<PetType, Boolean> types = new IdentityHashMap<>();
		copy.stream().flatMap((owner) -> owner.pets.stream()).forEach((pet) -> types.put(pet.type, true));
		assertThat(types).as("one pet type shared by several pets stays one object").hasSize(2);
	}

	@Test
	void unwrapsAnInitializedLazyProxy() {
		start();
		long leo = this.context.getBean(PetRepository.class).findAll().stream()
			.filter((pet) -> pet.name.equals("Leo"))
			.findFirst()
			.orElseThrow().id;
		Clinic clinic = this.context.getBean(Clinic.class);
		clinic.petWithInitializedType(leo);
		Pet copy = clinic.petWithInitializedType(leo);
		assertThat(copy.getClass()).isEqualTo(Pet.class);
		assertThat(copy.name).isEqualTo("Leo");
		assertThat(copy.type.name).isEqualTo("cat");
		assertThat(copy.owner.getClass()).isEqualTo(Owner.class);
		assertThat(copy.owner.pets).as("the owner's pets hold this very copy").anyMatch((pet) -> pet == copy);
		assertThat(TransactionalClinic.CALLS).hasValue(1);
	}

	@Test
	void refusesAnUninitializedLazyAssociationNamingWhereItIsAndHowToFetchIt() {
		start();
		PetRepository pets = this.context.getBean(PetRepository.class);
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(UnserializableReturnValueException.class).isThrownBy(() -> pets.findByName("Leo"))
				.withMessageContaining("'PetRepository.findByName'")
				.withMessageMatching("(?s).*value\\[0]\\.(type|owner) is a lazy association of the entity "
						+ "io\\.duocache\\.starter\\.jpa\\.Pet that was never loaded.*"
						+ "@EntityGraph\\(attributePaths = \"(type|owner)\"\\).*")
				.withMessageContaining("DTO or projection")
				.withMessageContaining("@CacheResource")
				.satisfies((ex) -> assertThat(causes(ex)).noneMatch(
						(cause) -> cause.getClass().getName().startsWith("org.hibernate.")));
		}
		assertThat(this.context.getBean(CacheDataManager.class).info("PetRepository.findByName").entries()).isZero();
	}

	@Test
	void copiesPagesAndSlicesKeyedOnTheirPageable() {
		start();
		OwnerRepository owners = this.context.getBean(OwnerRepository.class);
		PageRequest firstPage = PageRequest.of(0, 2, Sort.by("lastName"));
		Page<Owner> page = owners.findByFirstName("Betty", firstPage);
		Statistics statistics = statistics();
		statistics.clear();
		Page<Owner> hit = owners.findByFirstName("Betty", PageRequest.of(0, 2, Sort.by("lastName")));
		assertThat(statistics.getPrepareStatementCount()).isZero();
		assertThat(hit).isInstanceOf(PageImpl.class);
		assertThat(hit.getTotalElements()).isEqualTo(page.getTotalElements()).isEqualTo(3);
		assertThat(hit.getPageable()).isEqualTo(firstPage);
		assertThat(hit.getContent()).extracting((owner) -> owner.lastName).containsExactly("Davis", "Davis");
		hit.getContent().get(0).lastName = "Changed";

		Page<Owner> second = owners.findByFirstName("Betty", PageRequest.of(1, 2, Sort.by("lastName")));
		assertThat(second.getContent()).extracting((owner) -> owner.lastName).containsExactly("Franklin");
		Page<Owner> descending = owners.findByFirstName("Betty", PageRequest.of(0, 2, Sort.by("lastName").descending()));
		assertThat(descending.getContent()).extracting((owner) -> owner.lastName).first().isEqualTo("Franklin");
		assertThat(owners.findByFirstName("Betty", firstPage).getContent().get(0).lastName).isEqualTo("Davis");

		Slice<Owner> slice = owners.findSliceByFirstName("Betty", PageRequest.of(0, 2));
		Slice<Owner> sliceHit = owners.findSliceByFirstName("Betty", PageRequest.of(0, 2));
		assertThat(sliceHit.hasNext()).isEqualTo(slice.hasNext()).isTrue();
		assertThat(sliceHit.getContent()).hasSize(2);
		assertThat(owners.findAllByFirstName("Betty", Sort.by("lastName"))).extracting((owner) -> owner.lastName)
			.containsExactly("Davis", "Davis", "Franklin");
		assertThat(owners.findAllByFirstName("Betty", Sort.by("lastName").descending()))
			.extracting((owner) -> owner.lastName)
			.containsExactly("Franklin", "Davis", "Davis");
	}

	@Test
	void copiesASetOfEntitiesWithoutEqualsAndAFieldTheWebJsonIgnores() {
		start();
		VetRepository vets = this.context.getBean(VetRepository.class);
		for (int round = 0; round < 5; round++) {
			List<Vet> copy = vets.findByNameStartingWith("Dr. " + round);
			assertThat(copy).hasSize(1);
			assertThat(copy.get(0).specialties).hasSize(6);
			assertThat(copy.get(0).passwordHash).isEqualTo("hash-" + round);
		}
		for (int round = 0; round < 5; round++) {
			assertThat(vets.findByNameStartingWith("Dr. " + round).get(0).specialties).extracting((s) -> s.name)
				.containsExactlyInAnyOrder("surgery", "dentistry", "radiology", "oncology", "cardiology", "exotics");
		}
	}

	@Test
	void cachesAServiceInterfaceMethodBehindACglibTransactionProxy() {
		start();
		Clinic clinic = this.context.getBean(Clinic.class);
		assertThat(AopUtils.isCglibProxy(clinic)).isTrue();
		assertThat(clinic.ownerNames()).containsExactly("Davis", "Davis", "Franklin");
		assertThat(clinic.ownerNames()).containsExactly("Davis", "Davis", "Franklin");
		assertThat(TransactionalClinic.CALLS).hasValue(1);
	}

	@Test
	void cachesAServiceInterfaceMethodBehindAJdkTransactionProxy() {
		start("spring.aop.proxy-target-class=false");
		Clinic clinic = this.context.getBean(Clinic.class);
		assertThat(AopUtils.isJdkDynamicProxy(clinic)).isTrue();
		clinic.ownerNames();
		assertThat(clinic.ownerNames()).containsExactly("Davis", "Davis", "Franklin");
		assertThat(this.context.getBean(CacheDataManager.class).info("TransactionalClinic.ownerNames").hits())
			.isEqualTo(1);
	}

	private void start(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.jpa.hibernate.ddl-auto=create-drop", "spring.jpa.properties.hibernate.generate_statistics=true",
				"spring.main.web-application-type=none", "logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=warn"));
		all.addAll(List.of(properties));
		TransactionalClinic.CALLS.set(0);
		this.context = new SpringApplicationBuilder(ClinicApp.class).properties(all.toArray(String[]::new)).run();
		seed();
	}

	private void seed() {
		PetType cat = new PetType("cat");
		PetType dog = new PetType("dog");
		Owner betty = new Owner("Betty", "Davis");
		betty.adopt("Leo", cat);
		betty.adopt("Basil", dog);
		Owner harold = new Owner("Betty", "Davis");
		harold.adopt("Jewel", cat);
		Owner george = new Owner("Betty", "Franklin");
		george.adopt("Iggy", dog);
		var entityManager = this.context.getBean(EntityManagerFactory.class).createEntityManager();
		entityManager.getTransaction().begin();
		entityManager.persist(cat);
		entityManager.persist(dog);
		List.of(betty, harold, george).forEach(entityManager::persist);
		List<Specialty> specialties = new ArrayList<>();
		for (String name : List.of("surgery", "dentistry", "radiology", "oncology", "cardiology", "exotics")) {
			Specialty specialty = new Specialty(name);
			entityManager.persist(specialty);
			specialties.add(specialty);
		}
		for (int i = 0; i < 5; i++) {
			Vet vet = new Vet("Dr. " + i, "hash-" + i);
			vet.specialties.addAll(specialties);
			entityManager.persist(vet);
		}
		entityManager.getTransaction().commit();
		entityManager.close();
	}

	private Statistics statistics() {
		return this.context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ TransactionalClinic.class, OwnerDirectory.class })
	static class ClinicApp {

	}

}
