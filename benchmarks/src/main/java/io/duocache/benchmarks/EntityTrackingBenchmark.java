package io.duocache.benchmarks;

import java.util.concurrent.TimeUnit;

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

import io.duocache.CacheDataManager;
import io.duocache.benchmarks.jpa.EntityTrackingConfiguration;
import io.duocache.benchmarks.jpa.JpaConfiguration;
import io.duocache.benchmarks.jpa.OwnerRepository;

/**
 * What recording entity dependencies costs a miss: the 1,000 owners with 3 pets each (4,003 entities
 * loaded), computed by a cache that records them and by one that does not, each emptied first; and a
 * hit of the recording cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class EntityTrackingBenchmark {

	private AnnotationConfigApplicationContext context;

	private OwnerRepository owners;

	private CacheDataManager caches;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new AnnotationConfigApplicationContext(EntityTrackingConfiguration.class);
		JpaConfiguration.seed(this.context.getBean(EntityManagerFactory.class));
		this.owners = this.context.getBean(OwnerRepository.class);
		this.caches = this.context.getBean(CacheDataManager.class);
		if (this.owners.findTrackedByCity("Madison").size() != JpaConfiguration.OWNERS
				|| !this.caches.info("trackedOwners").invalidateOnEntityChange()) {
			throw new IllegalStateException("the tracked cache is not set up");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public Object missNotRecording() {
		this.caches.clear("OwnerRepository.findByCity");
		return this.owners.findByCity("Madison");
	}

	@Benchmark
	public Object missRecording() {
		this.caches.clear("trackedOwners");
		return this.owners.findTrackedByCity("Madison");
	}

	@Benchmark
	public Object hitRecording() {
		return this.owners.findTrackedByCity("Madison");
	}

}
