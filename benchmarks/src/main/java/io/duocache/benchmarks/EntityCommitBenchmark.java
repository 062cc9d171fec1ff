package io.duocache.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.duocache.CacheDataManager;
import io.duocache.benchmarks.jpa.EntityTrackingConfiguration;
import io.duocache.benchmarks.jpa.JpaConfiguration;
import io.duocache.benchmarks.jpa.Owner;
import io.duocache.benchmarks.jpa.OwnerRepository;

/**
 * What recording entity dependencies costs a commit: a transaction that renames one owner, in an
 * application whose {@code trackedOwner} cache holds an entry for each of the 999 other owners (the
 * commit looks through them all and invalidates none), against the same transaction in the same
 * application without Hibernate's events for Duocache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class EntityCommitBenchmark {

	private AnnotationConfigApplicationContext tracked;

	private AnnotationConfigApplicationContext plain;

	private long renamedInTracked;

	private long renamedInPlain;

	private int renames;

	@Setup(Level.Trial)
	public void setUp() {
		this.tracked = new AnnotationConfigApplicationContext(EntityTrackingConfiguration.class);
		this.plain = new AnnotationConfigApplicationContext(JpaConfiguration.class);
		JpaConfiguration.seed(this.tracked.getBean(EntityManagerFactory.class));
		JpaConfiguration.seed(this.plain.getBean(EntityManagerFactory.class));
		OwnerRepository owners = this.tracked.getBean(OwnerRepository.class);
		List<Long> ids = owners.findAll().stream().map(Owner::id).sorted().toList();
		this.renamedInTracked = ids.get(0);
		ids.subList(1, ids.size()).forEach(owners::findOwnerById);
		this.renamedInPlain = this.plain.getBean(OwnerRepository.class).findAll().stream().map(Owner::id)
			.sorted().findFirst().orElseThrow();
		CacheDataManager caches = this.tracked.getBean(CacheDataManager.class);
		if (caches.info("trackedOwner").entries() != ids.size() - 1
				|| !caches.info("trackedOwner").invalidateOnEntityChange()) {
			throw new IllegalStateException("the tracked cache is not set up");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		CacheDataManager caches = this.tracked.getBean(CacheDataManager.class);
		if (caches.info("trackedOwner").entries() != JpaConfiguration.OWNERS - 1) {
			throw new IllegalStateException("a rename of an owner no entry holds invalidated an entry");
		}
		this.tracked.close();
		this.plain.close();
	}

	@Benchmark
	public void commitTracked() {
		rename(this.tracked, this.renamedInTracked);
	}

	@Benchmark
	public void commitNotTracked() {
		rename(this.plain, this.renamedInPlain);
	}

	private void rename(AnnotationConfigApplicationContext context, long id) {
		String name = "Renamed" + (this.renames++);
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			EntityManager entityManager = EntityManagerFactoryUtils
				.getTransactionalEntityManager(context.getBean(EntityManagerFactory.class));
			entityManager.find(Owner.class, id).rename(name);
		});
	}

}
