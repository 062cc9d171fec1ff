package org.springframework.samples.petclinic.vet;

import java.util.Collection;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.samples.petclinic.PetClinicApplication;

import io.duocache.CacheDataManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring PetClinic's cached vets: an application whose package starts with
 * {@code org.springframework}, a repository that extends {@code Repository} and redeclares
 * {@code findAll()} and {@code findAll(Pageable)}. Both are cached, and a hit runs no SQL.
 */
@SpringBootTest(classes = PetClinicApplication.class, properties = { "spring.main.web-application-type=none",
		"spring.jpa.properties.hibernate.generate_statistics=true" })
class VetRepositoryCachingTests {

	@Autowired
	VetRepository vets;

	@Autowired
	VetWriter vetWriter;

	@Autowired
	SpecialtyRepository specialties;

	@Autowired
	CacheDataManager cacheDataManager;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@BeforeEach
	void clinic() {
		this.cacheDataManager.clear();
		if (this.vetWriter.count() > 0) {
			return;
		}
		Specialty radiology = specialty("radiology");
		Specialty surgery = specialty("surgery");
		vet("James", "Carter");
		vet("Helen", "Leary", radiology);
		vet("Linda", "Douglas", surgery, radiology);
	}

	@Test
	void listsBothCachesOfTheRepository() {
		assertThat(this.cacheDataManager.getCacheNames()).contains("vets", "vetPages");
	}

	@Test
	void aHitOfFindAllRunsNoSql() {
		Statistics statistics = statistics();
		Collection<Vet> first = this.vets.findAll();
		assertThat(statistics.getPrepareStatementCount()).as("the miss queries").isPositive();
		statistics.clear();
		Collection<Vet> hit = this.vets.findAll();
		assertThat(statistics.getPrepareStatementCount()).as("statements run by the hit").isZero();
		assertThat(hit).hasSize(3).isNotSameAs(first);
		assertThat(hit).filteredOn((vet) -> vet.getLastName().equals("Douglas")).singleElement()
			.satisfies((vet) -> assertThat(vet.getSpecialties()).extracting(Specialty::getName)
				.containsExactly("radiology", "surgery"));
		assertThat(this.cacheDataManager.info("vets").hits()).isOne();
	}

	@Test
	void aHitOfAPageRunsNoSql() {
		Statistics statistics = statistics();
		this.vets.findAll(PageRequest.of(0, 2));
		statistics.clear();
		Page<Vet> hit = this.vets.findAll(PageRequest.of(0, 2));
		assertThat(statistics.getPrepareStatementCount()).as("statements run by the hit").isZero();
		assertThat(hit.getContent()).hasSize(2);
		assertThat(hit.getTotalElements()).isEqualTo(3);
		assertThat(this.cacheDataManager.info("vetPages").hits()).isOne();
	}

	private Specialty specialty(String name) {
		Specialty specialty = new Specialty();
		specialty.setName(name);
		return this.specialties.save(specialty);
	}

	private void vet(String firstName, String lastName, Specialty... specialties) {
		Vet vet = new Vet();
		vet.setFirstName(firstName);
		vet.setLastName(lastName);
		for (Specialty specialty : specialties) {
			vet.addSpecialty(specialty);
		}
		this.vetWriter.save(vet);
	}

	private Statistics statistics() {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		return statistics;
	}

}
