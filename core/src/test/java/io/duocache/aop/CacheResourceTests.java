package io.duocache.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.CacheResourceManager;
import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.DuocacheConfiguration;
import io.duocache.resource.ResourceCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CacheResourceTests {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	private final Pools pools = this.context.getBean(Pools.class);

	private final ReleaseLog releases = this.context.getBean(ReleaseLog.class);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void returnsTheSameSharedInstanceOnEveryHit() {
		Pool first = this.pools.pool("db");
		assertThat(this.pools.pool("db")).isSameAs(first);
		assertThat(this.pools.pool("other")).isNotSameAs(first);
	}

	@Test
	void letsMutationsOfTheSharedInstanceShowToEveryCaller() {
		this.pools.numbers().add(4);
		assertThat(this.pools.numbers()).containsExactly(1, 2, 3, 4);
	}

	@Test
	void validatesOnHitsButNotRightAfterComputing() {
		Pool first = this.pools.validated("db");
		assertThat(this.context.getBean(OpenValidator.class).calls()).isZero();
		assertThat(this.pools.validated("db")).isSameAs(first);
		assertThat(this.context.getBean(OpenValidator.class).calls()).isEqualTo(1);
	}

	@Test
	void releasesAndRecomputesAnInstanceThatFailsValidation() {
		Pool first = this.pools.validated("db");
		first.open = false;
		Pool second = this.pools.validated("db");
		assertThat(second).isNotSameAs(first);
		assertThat(first.closed).isEqualTo(1);
		assertThat(second.closed).isZero();
	}

	@Test
	void releasesExactlyOnceOnClear() {
		Pool pool = this.pools.pool("db");
		CacheResourceManager manager = this.context.getBean(CacheResourceManager.class);
		manager.clear("Pools.pool");
		manager.clear();
		assertThat(pool.closed).isEqualTo(1);
	}

	@Test
	void releasesExactlyOnceOnExpiry() {
		Pool pool = this.pools.shortLived();
		await().until(() -> pool.closed == 1);
		assertThat(this.pools.shortLived()).isNotSameAs(pool);
		this.context.close();
		assertThat(pool.closed).isEqualTo(1);
	}

	@Test
	void releasesExactlyOnceOnEviction() {
		List<Pool> created = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			created.add(this.pools.bounded(i));
		}
		this.context.getBean(ResourceCaches.class).getTierCache("Pools.bounded").cleanUp();
		this.context.close();
		assertThat(created).allSatisfy((pool) -> assertThat(pool.closed).isEqualTo(1));
	}

	@Test
	void releasesEveryInstanceExactlyOnceWhenTheContextCloses() {
		Pool first = this.pools.pool("a");
		Pool second = this.pools.pool("b");
		this.context.close();
		assertThat(first.closed).isEqualTo(1);
		assertThat(second.closed).isEqualTo(1);
	}

	@Test
	void usesAReleaserCreatedThroughTheBeanFactory() {
		Pool pool = this.pools.logged();
		this.context.getBean(CacheResourceManager.class).clear();
		assertThat(this.releases.released).containsExactly(pool);
		assertThat(pool.closed).isZero();
	}

	@Test
	void hashesAResourcePassedToAnotherCachedMethodByWhereItCameFrom() {
		Pool pool = this.pools.pool("db");
		Reports reports = this.context.getBean(Reports.class);
		assertThat(reports.count(pool)).isEqualTo(1);
		assertThat(reports.count(pool)).isEqualTo(1);
		assertThat(reports.count(this.pools.pool("other"))).isEqualTo(2);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class Config {

		@Bean
		Pools pools() {
			return new Pools();
		}

		@Bean
		Reports reports() {
			return new Reports();
		}

		@Bean
		OpenValidator openValidator() {
			return new OpenValidator();
		}

		@Bean
		ReleaseLog releaseLog() {
			return new ReleaseLog();
		}

	}

	static class Pools {

		@CacheResource
		public Pool pool(String name) {
			return new Pool();
		}

		@CacheResource
		public List<Integer> numbers() {
			return new ArrayList<>(List.of(1, 2, 3));
		}

		@CacheResource(validate = OpenValidator.class)
		public Pool validated(String name) {
			return new Pool();
		}

		@CacheResource(ttl = "200ms")
		public Pool shortLived() {
			return new Pool();
		}

		@CacheResource(maxEntries = 5)
		public Pool bounded(int id) {
			return new Pool();
		}

		@CacheResource(onRelease = LoggingReleaser.class)
		public Pool logged() {
			return new Pool();
		}

	}

	static class Reports {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData
		public int count(Pool pool) {
			return this.computations.incrementAndGet();
		}

	}

	static class Pool implements AutoCloseable {

		volatile boolean open = true;

		volatile int closed;

		@Override
		public synchronized void close() {
			this.closed++;
		}

	}

	static class OpenValidator implements ResourceValidator<Pool> {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public boolean isValid(Pool pool) {
			this.calls.incrementAndGet();
			return pool.open;
		}

		int calls() {
			return this.calls.get();
		}

	}

	static class ReleaseLog {

		final List<Object> released = new ArrayList<>();

	}

	static class LoggingReleaser implements ResourceReleaser<Pool> {

		private final ReleaseLog log;

		LoggingReleaser(ReleaseLog log) {
			this.log = log;
		}

		@Override
		public void release(Pool pool) {
			this.log.released.add(pool);
		}

	}

}
