package io.duocache.aop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.DuocacheConfiguration;
import io.duocache.Refresh;
import io.duocache.data.DataCaches;
import io.duocache.resource.ResourceCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Background refresh with a ttl of one second: stale from 1 s, gone from 2 s. Waits are real time and
 * bounded; nothing here measures speed.
 */
class BackgroundRefreshTests {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	private final Prices prices = this.context.getBean(Prices.class);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void staleHitsReturnTheOldValueAtOnceAndStartExactlyOneRefresh() throws Exception {
		assertThat(this.prices.quote("tea")).containsExactly(1);
		sleepPast(Duration.ofMillis(1100));
		CountDownLatch gate = this.prices.closeGate();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Integer>>> hits = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				hits.add(callers.submit(() -> this.prices.quote("tea")));
			}
			for (Future<List<Integer>> hit : hits) {
				assertThat(hit.get(10, TimeUnit.SECONDS)).containsExactly(1);
			}
			assertThat(gate.getCount()).as("the refresh is still held").isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.prices.computations() >= 2);
			assertThat(this.prices.computations()).as("one refresh started, however many stale hits").isEqualTo(2);
			gate.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.prices.quote("tea").equals(List.of(2)));
			assertThat(this.prices.computations()).isEqualTo(2);
			assertThat(dataCounters().refreshes()).isEqualTo(1);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aFailedRefreshKeepsTheOldValueAndTheNextHitTriesAgain() {
		assertThat(this.prices.quote("milk")).containsExactly(1);
		sleepPast(Duration.ofMillis(1100));
		this.prices.fail(true);
		assertThat(this.prices.quote("milk")).containsExactly(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> dataCounters().failedRefreshes() == 1);
		assertThat(this.prices.quote("milk")).containsExactly(1);
		this.prices.fail(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.prices.quote("milk").size() == 1
				&& this.prices.quote("milk").get(0) > 1);
		assertThat(dataCounters().failedRefreshes()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void pastTwiceTheTtlACallComputesAndWaits() {
		assertThat(this.prices.quote("salt")).containsExactly(1);
		sleepPast(Duration.ofMillis(2200));
		assertThat(this.prices.quote("salt")).containsExactly(2);
		assertThat(dataCounters().refreshes()).isZero();
	}

	@Test
	void refreshesTheValueOfAFutureInTheBackground() throws Exception {
		assertThat(this.prices.quoteLater("rice").get(10, TimeUnit.SECONDS)).containsExactly(1);
		sleepPast(Duration.ofMillis(1100));
		assertThat(this.prices.quoteLater("rice").get(10, TimeUnit.SECONDS)).containsExactly(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.prices.quoteLater("rice").get(10, TimeUnit.SECONDS).equals(List.of(2)));
	}

	@Test
	void releasesAReplacedResourceOnlyOnceItsSuccessorIsInPlace() {
		Connection first = this.prices.connection();
		sleepPast(Duration.ofMillis(1100));
		assertThat(this.prices.connection()).isSameAs(first);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.prices.connection() != first);
		Connection second = this.prices.connection();
		await().atMost(Duration.ofSeconds(10)).until(() -> first.closed.get() != null);
		assertThat(first.closed.get()).as("connections created when the first was closed").isEqualTo(2);
		assertThat(second.closed.get()).isNull();
		assertThat(this.context.getBean(ResourceCaches.class).getTierCache("Prices.connection").counters().refreshes())
			.isEqualTo(1);
	}

	private io.duocache.tier.CacheCounters dataCounters() {
		return this.context.getBean(DataCaches.class).getTierCache("Prices.quote").counters();
	}

	private static void sleepPast(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class Config {

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

	static class Prices {

		private final AtomicInteger computations = new AtomicInteger();

		private final AtomicInteger connections = new AtomicInteger();

		private volatile boolean failing;

		private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

		public CountDownLatch closeGate() {
			CountDownLatch latch = new CountDownLatch(1);
			this.gate.set(latch);
			return latch;
		}

		public int computations() {
			return this.computations.get();
		}

		public void fail(boolean failing) {
			this.failing = failing;
		}

		@CacheData(ttl = "1s", refresh = Refresh.BACKGROUND)
		public List<Integer> quote(String item) {
			if (this.failing) {
				throw new IllegalStateException("price service down");
			}
			int version = this.computations.incrementAndGet();
			try {
				if (!this.gate.get().await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("gate never opened");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return new ArrayList<>(List.of(version));
		}

		@CacheData(ttl = "1s", refresh = Refresh.BACKGROUND)
		public CompletableFuture<List<Integer>> quoteLater(String item) {
			int version = this.computations.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> new ArrayList<>(List.of(version)));
		}

		@CacheResource(ttl = "1s", refresh = Refresh.BACKGROUND)
		public Connection connection() {
			return new Connection(this.connections);
		}

	}

	static final class Connection implements AutoCloseable {

		private final AtomicInteger created;

		final AtomicReference<Integer> closed = new AtomicReference<>();

		Connection(AtomicInteger created) {
			this.created = created;
			created.incrementAndGet();
		}

		@Override
		public void close() {
			this.closed.set(this.created.get());
		}

	}

}
