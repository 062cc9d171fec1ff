package io.duocache.benchmarks.jpa;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import io.duocache.DuocacheConfiguration;

/**
 * A Spring Data JPA application without Boot: Hibernate over an in-memory H2 with 1,000 owners of one
 * city, each with a set of 3 pets.
 */
@Configuration(proxyBeanMethods = false)
@Import(DuocacheConfiguration.class)
@EnableJpaRepositories(basePackageClasses = OwnerRepository.class)
public class JpaConfiguration {

	/** The owners of the benchmarked city. */
	public static final int OWNERS = 1000;

	@Bean
	DataSource dataSource() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
	}

	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(dataSource);
		factory.setPackagesToScan(Owner.class.getPackageName());
		factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
		factory.getJpaPropertyMap().put("hibernate.hbm2ddl.auto", "create-drop");
		return factory;
	}

	@Bean
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	/** Stores the owners and their pets. */
	public static void seed(EntityManagerFactory entityManagerFactory) {
		EntityManager entityManager = entityManagerFactory.createEntityManager();
		entityManager.getTransaction().begin();
		List<PetType> types = List.of(new PetType("cat"), new PetType("dog"), new PetType("bird"));
		types.forEach(entityManager::persist);
		for (int i = 0; i < OWNERS; i++) {
			Owner owner = new Owner("First" + i, "Last" + (i % 97), "Madison");
			for (int p = 0; p < 3; p++) {
				owner.pets.add(new Pet("Pet" + i + "-" + p, LocalDate.of(2015, 1, 1).plusDays(i + p), types.get(p), owner));
			}
			entityManager.persist(owner);
		}
		entityManager.getTransaction().commit();
		entityManager.close();
	}

}
