package io.duocache.tier;

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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.duocache.DuocacheException;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour both tiers share, run against each of them: single-flight, failures never cached,
 * {@code null} cached, expiry, bounds and futures.
 */
public abstract class SingleFlightCacheContractTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	/**
	 * Creates the cache under test.
	 * @param settings its bounds
	 * @return the cache
	 */
	protected abstract SingleFlightCache<?> newCache(CacheSettings settings);

	/**
	 * Creates a value as a cached method would return it.
	 * @param seed distinguishes values
	 * @return the value
	 */
	protected abstract Object newValue(int seed);

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void computesOnceForConcurrentCallersOfOneKey() throws Exception {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		AtomicInteger computations = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(8);
		List<Future<Object>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			results.add(this.executor.submit(() -> {
				started.countDown();
				return call(cache, key(1), () -> {
					computations.incrementAndGet();
					release.await();
					return newValue(1);
				});
			}));
		}
		started.await();
		Thread.sleep(100);
		release.countDown();
		for (Future<Object> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(newValue(1));
		}
		assertThat(computations).hasValue(1);
		assertThat(cache.counters().misses()).isEqualTo(1);
		assertThat(cache.counters().hits()).isEqualTo(7);
	}

	@Test
	void doesNotBlockOtherKeysWhileOneComputes() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch slowStarted = new CountDownLatch(1);
		Future<Object> slow = this.executor.submit(() -> call(cache, key(1), () -> {
			slowStarted.countDown();
			release.await();
			return newValue(1);
		}));
		slowStarted.await();
		assertThat(cache.get(key(2), () -> newValue(2))).isEqualTo(newValue(2));
		assertThat(slow).isNotDone();
		release.countDown();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(newValue(1));
	}

	@Test
	void givesEveryWaiterTheSameExceptionAndDoesNotCacheIt() throws Exception {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		IllegalStateException failure = new IllegalStateException("boom");
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		Future<Object> first = this.executor.submit(() -> call(cache, key(1), () -> {
			started.countDown();
			release.await();
			throw failure;
		}));
		started.await();
		CountDownLatch waiterStarted = new CountDownLatch(1);
		Future<Object> waiter = this.executor.submit(() -> {
			waiterStarted.countDown();
			return call(cache, key(1), () -> newValue(9));
		});
		waiterStarted.await();
		Thread.sleep(100);
		release.countDown();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> first.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isSameAs(failure);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isSameAs(failure);
		AtomicInteger computations = new AtomicInteger();
		Object value = getUnchecked(cache, key(1), () -> {
			computations.incrementAndGet();
			return newValue(1);
		});
		assertThat(value).isEqualTo(newValue(1));
		assertThat(computations).hasValue(1);
	}

	@Test
	void cachesNull() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		AtomicInteger computations = new AtomicInteger();
		Computation nothing = () -> {
			computations.incrementAndGet();
			return null;
		};
		assertThat(cache.get(key(1), nothing)).isNull();
		assertThat(cache.get(key(1), nothing)).isNull();
		assertThat(computations).hasValue(1);
	}

	@Test
	void refusesARecursiveCallWithTheSameKeyInsteadOfWaitingForItself() {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		assertThatExceptionOfType(DuocacheException.class)
			.isThrownBy(() -> cache.get(key(1), () -> cache.get(key(1), () -> newValue(1))))
			.withMessageContaining("Recursive call with the same arguments");
	}

	@Test
	void computesDifferentKeysRecursively() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		Object value = cache.get(key(1), () -> cache.get(key(2), () -> newValue(2)));
		assertThat(value).isEqualTo(newValue(2));
		assertThat(cache.estimatedSize()).isEqualTo(2);
	}

	@Test
	void removesEntriesWhenTheirTtlPassesWithoutBeingTouched() throws Throwable {
		SingleFlightCache<?> cache = newCache(new CacheSettings(Duration.ofMillis(200), null, null));
		cache.get(key(1), () -> newValue(1));
		assertThat(cache.estimatedSize()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> cache.counters().evictions() == 1);
		assertThat(cache.estimatedSize()).isZero();
	}

	@Test
	void countsTtlFromTheWriteNotFromReads() throws Throwable {
		SingleFlightCache<?> cache = newCache(new CacheSettings(Duration.ofMillis(300), null, null));
		AtomicInteger computations = new AtomicInteger();
		Computation computation = () -> newValue(computations.incrementAndGet());
		cache.get(key(1), computation);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (computations.get() == 1 && System.nanoTime() < deadline) {
			cache.get(key(1), computation);
			Thread.sleep(20);
		}
		assertThat(computations).hasValue(2);
	}

	@Test
	void keepsAtMostMaxEntries() throws Throwable {
		SingleFlightCache<?> cache = newCache(new CacheSettings(null, 10L, null));
		for (int i = 0; i < 100; i++) {
			int seed = i;
			cache.get(key(i), () -> newValue(seed));
		}
		cache.cleanUp();
		assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10);
		await().atMost(Duration.ofSeconds(10)).until(() -> cache.counters().evictions() == 90);
	}

	@Test
	void cachesTheCompletedValueOfAFuture() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		AtomicInteger computations = new AtomicInteger();
		Computation computation = () -> {
			computations.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> newValue(1), this.executor);
		};
		assertThat(cache.getAsync(key(1), computation).get(10, TimeUnit.SECONDS)).isEqualTo(newValue(1));
		assertThat(cache.getAsync(key(1), computation).get(10, TimeUnit.SECONDS)).isEqualTo(newValue(1));
		assertThat(computations).hasValue(1);
	}

	@Test
	void doesNotCacheAFailedFuture() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		AtomicInteger computations = new AtomicInteger();
		Computation computation = () -> (computations.incrementAndGet() == 1)
				? CompletableFuture.failedFuture(new IllegalStateException("first fails"))
				: CompletableFuture.completedFuture(newValue(2));
		assertThat(cache.getAsync(key(1), computation)).failsWithin(Duration.ofSeconds(10));
		assertThat(cache.getAsync(key(1), computation).get(10, TimeUnit.SECONDS)).isEqualTo(newValue(2));
		assertThat(computations).hasValue(2);
	}

	@Test
	void invalidatesOneKeyOrAll() throws Throwable {
		SingleFlightCache<?> cache = newCache(CacheSettings.UNSET);
		cache.get(key(1), () -> newValue(1));
		cache.get(key(2), () -> newValue(2));
		cache.invalidate(key(1));
		assertThat(cache.lookup(key(1))).isNull();
		assertThat(cache.lookup(key(2))).isNotNull();
		cache.invalidateAll();
		assertThat(cache.lookup(key(2))).isNull();
	}

	private static CacheKey key(int i) {
		return new CacheKey(0, i);
	}

	private static Object call(SingleFlightCache<?> cache, CacheKey key, Computation computation) throws Exception {
		try {
			return cache.get(key, computation);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
	}

	private static Object getUnchecked(SingleFlightCache<?> cache, CacheKey key, Computation computation) {
		try {
			return cache.get(key, computation);
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
	}

}
