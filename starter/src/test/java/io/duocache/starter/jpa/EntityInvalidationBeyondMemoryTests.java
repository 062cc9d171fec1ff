package io.duocache.starter.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.duocache.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries that know their entities beyond one JVM's memory: on instances sharing one database and
 * one real {@code redis-server}, a change committed on one instance reaches the entries another
 * computed, and an entry whose computing instance has stopped is not served once something it
 * depends on changed; on disk, an entry of an earlier run is not served once something it depends on
 * changed in this one.
 */
class EntityInvalidationBeyondMemoryTests {

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final String keyPrefix = "entities-" + UUID.randomUUID() + ":";

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private long bettyId;

	@AfterEach
	void close() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aRenameCommittedOnOneInstanceRecomputesTheEntriesAnotherComputedAndNoOthers() {
		ConfigurableApplicationContext first = start("create");
		ConfigurableApplicationContext second = start("none");
		OwnerRepository onFirst = first.getBean(OwnerRepository.class);
		OwnerRepository onSecond = second.getBean(OwnerRepository.class);
		assertThat(onFirst.findByLastName("Davis")).hasSize(2);
		onFirst.findByLastName("Franklin");
		assertThat(statements(second, () -> onSecond.findByLastName("Davis"))).as("read from Redis").isZero();
		inTransaction(second, (entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(onSecond.findByLastName("Davis")).hasSize(1);
		assertThat(eventually(() -> onFirst.findByLastName("Davis").size() == 1)).as("heard on the first instance")
			.isTrue();
		assertThat(statements(first, () -> onFirst.findByLastName("Franklin"))).isZero();
		assertThat(statements(second, () -> onSecond.findByLastName("Franklin"))).as("George never changed").isZero();
	}

	@Test
	void aRenameCommittedOnAnInstanceThatNeverReadTheEntryReachesTheInstanceThatComputedIt() {
		ConfigurableApplicationContext first = start("create");
		ConfigurableApplicationContext second = start("none");
		OwnerRepository onFirst = first.getBean(OwnerRepository.class);
		assertThat(onFirst.findByLastName("Davis")).hasSize(2);
		inTransaction(second, (entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(eventually(() -> onFirst.findByLastName("Davis").size() == 1))
			.as("the first instance heard of the change from the shared change log").isTrue();
	}

	@Test
	void anEntryWhoseComputingInstanceStoppedIsAMissOnceAnEntityItHoldsChanged() {
		ConfigurableApplicationContext first = start("create");
		first.getBean(OwnerRepository.class).findByLastName("Davis");
		first.getBean(OwnerRepository.class).findByLastName("Franklin");
		first.close();
		ConfigurableApplicationContext second = start("none");
		OwnerRepository onSecond = second.getBean(OwnerRepository.class);
		inTransaction(second, (entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(onSecond.findByLastName("Davis")).as("the stored list held Betty").hasSize(1);
		assertThat(statements(second, () -> onSecond.findByLastName("Franklin"))).as("read from Redis").isZero();
		assertThat(onSecond.findByLastName("Franklin")).hasSize(1);
	}

	@Test
	void aDiskEntryOfAnEarlierRunIsAMissOnceAnEntityItHoldsChangedInThisOne(@TempDir Path directory)
			throws IOException {
		ConfigurableApplicationContext first = start("create", "duocache.data.persist=disk",
				"duocache.persist.directory=" + directory);
		first.getBean(OwnerRepository.class).findByLastName("Davis");
		first.getBean(OwnerRepository.class).findByLastName("Franklin");
		first.close();
		try (Stream<Path> files = Files.walk(directory)) {
			assertThat(files.filter(Files::isRegularFile).count()).as("entry files").isGreaterThanOrEqualTo(2);
		}
		ConfigurableApplicationContext second = start("none", "duocache.data.persist=disk",
				"duocache.persist.directory=" + directory);
		OwnerRepository owners = second.getBean(OwnerRepository.class);
		assertThat(statements(second, () -> owners.findByLastName("Franklin"))).as("read from disk").isZero();
		inTransaction(second, (entityManager) -> entityManager.find(Owner.class, this.bettyId).lastName = "Davies");
		assertThat(owners.findByLastName("Davis")).as("the stored list held Betty").hasSize(1);
		assertThat(statements(second, () -> owners.findByLastName("Franklin"))).isZero();
	}

	private static boolean eventually(Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.get()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.get();
	}

	private void inTransaction(ConfigurableApplicationContext context, java.util.function.Consumer<EntityManager> work) {
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(
				(status) -> work.accept(EntityManagerFactoryUtils
					.getTransactionalEntityManager(context.getBean(EntityManagerFactory.class))));
	}

	private static long statements(ConfigurableApplicationContext context, Supplier<?> call) {
		Statistics statistics = context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class)
			.getStatistics();
		statistics.clear();
		call.get();
		return statistics.getPrepareStatementCount();
	}

	private ConfigurableApplicationContext start(String schema, String... overrides) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClinicApplicationTests.ClinicApp.class)
			.properties("spring.datasource.url=" + this.database, "spring.jpa.hibernate.ddl-auto=" + schema,
					"spring.jpa.properties.hibernate.generate_statistics=true", "spring.main.web-application-type=none",
					"logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=warn",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
					"duocache.data.persist=redis", "duocache.redis.key-prefix=" + this.keyPrefix,
					"duocache.redis.signing-key=entity-invalidation-tests-signing-key-0123456789",
					"duocache.data.invalidate-on-entity-change=true")
			.properties(overrides)
			.run();
		this.instances.add(context);
		if (schema.equals("create")) {
			PetType cat = new PetType("cat");
			Owner betty = new Owner("Betty", "Davis");
			betty.adopt("Leo", cat);
			Owner harold = new Owner("Harold", "Davis");
			harold.adopt("Jewel", cat);
			Owner george = new Owner("George", "Franklin");
			inTransaction(context, (entityManager) -> {
				entityManager.persist(cat);
				List.of(betty, harold, george).forEach(entityManager::persist);
			});
			this.bettyId = betty.id;
		}
		return context;
	}

}
