package io.duocache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NullValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring's {@link Cache} and {@link CacheManager} contract as their Javadoc states it, run against
 * both Duocache managers. The one allowed difference, that the data manager hands out copies, is
 * left to each subclass through {@link #assertSameValue}.
 */
abstract class SpringCacheContractTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	/**
	 * Creates the manager under test.
	 * @return the manager
	 */
	protected abstract CacheManager newManager();

	/**
	 * Creates a value that the manager's caches can hold.
	 * @param seed distinguishes values
	 * @return the value
	 */
	protected abstract Object newValue(int seed);

	/**
	 * Checks that what the cache handed out stands for what was stored.
	 * @param stored what was put
	 * @param returned what a later read returned
	 */
	protected abstract void assertSameValue(Object stored, Object returned);

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void returnsTheSameCacheForANameAndListsIt() {
		CacheManager manager = newManager();
		Cache cache = manager.getCache("books");
		assertThat(manager.getCache("books")).isSameAs(cache);
		assertThat(cache.getName()).isEqualTo("books");
		assertThat(cache.getNativeCache()).isNotNull();
		assertThat(manager.getCacheNames()).contains("books");
	}

	@Test
	void answersNullForAMissingKeyAndAWrapperForAPresentOne() {
		Cache cache = newManager().getCache("books");
		assertThat(cache.get("missing")).isNull();
		Object value = newValue(1);
		cache.put("key", value);
		assertSameValue(value, cache.get("key").get());
	}

	@Test
	void storesNullAndNullValueAsACachedNull() {
		Cache cache = newManager().getCache("books");
		cache.put("null", null);
		cache.put("nullValue", NullValue.INSTANCE);
		cache.put("otherNullValue", BeanUtils.instantiateClass(NullValue.class));
		assertThat(cache.get("null")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get("nullValue")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get("nullValue", Object.class)).isNull();
		assertThat(cache.get("otherNullValue")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get("otherNullValue", String.class)).isNull();
	}

	@Test
	void checksTheTypeOfATypedGet() {
		Cache cache = newManager().getCache("books");
		cache.put("key", newValue(1));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> cache.get("key", Integer.class));
		assertThat(cache.get("missing", Integer.class)).isNull();
	}

	@Test
	void loadsAMissingValueOnceAndCachesIt() {
		Cache cache = newManager().getCache("books");
		AtomicInteger loads = new AtomicInteger();
		Callable<Object> loader = () -> {
			loads.incrementAndGet();
			return newValue(1);
		};
		Object first = cache.get("key", loader);
		assertSameValue(newValue(1), first);
		assertSameValue(newValue(1), cache.get("key", loader));
		assertThat(loads).hasValue(1);
	}

	@Test
	void wrapsWhatALoaderThrowsInAValueRetrievalExceptionAndCachesNothing() {
		Cache cache = newManager().getCache("books");
		IllegalStateException failure = new IllegalStateException("boom");
		Callable<Object> loader = () -> {
			throw failure;
		};
		assertThatExceptionOfType(Cache.ValueRetrievalException.class).isThrownBy(() -> cache.get("key", loader))
			.withCause(failure)
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("key"));
		assertThat(cache.get("key")).isNull();
	}

	@Test
	void wrapsACheckedLoaderFailureToo() {
		Cache cache = newManager().getCache("books");
		Exception failure = new Exception("checked");
		assertThatExceptionOfType(Cache.ValueRetrievalException.class).isThrownBy(() -> cache.get("key", () -> {
			throw failure;
		})).withCause(failure);
	}

	@Test
	void retrievesNothingForAMissingKeyAndAFutureForAPresentOne() throws Exception {
		Cache cache = newManager().getCache("books");
		assertThat(cache.retrieve("missing")).isNull();
		cache.put("key", newValue(1));
		assertSameValue(newValue(1), cache.retrieve("key").get(10, TimeUnit.SECONDS));
	}

	@Test
	void retrievesACachedNullAsAFutureOfAWrapperSoItIsNotTakenForAMiss() throws Exception {
		Cache cache = newManager().getCache("books");
		cache.put("key", null);
		Object retrieved = cache.retrieve("key").get(10, TimeUnit.SECONDS);
		assertThat(retrieved).isInstanceOf(Cache.ValueWrapper.class);
		assertThat(((Cache.ValueWrapper) retrieved).get()).isNull();
	}

	@Test
	void retrievesWithALoaderOnceAndDoesNotCacheAFailedFuture() throws Exception {
		Cache cache = newManager().getCache("books");
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.retrieve("key", () -> {
			loads.incrementAndGet();
			return CompletableFuture.failedFuture(new IllegalStateException("first fails"));
		})).failsWithin(java.time.Duration.ofSeconds(10));
		Object value = cache.retrieve("key", () -> {
			loads.incrementAndGet();
			return CompletableFuture.completedFuture(newValue(2));
		}).get(10, TimeUnit.SECONDS);
		assertSameValue(newValue(2), value);
		cache.retrieve("key", () -> {
			loads.incrementAndGet();
			return CompletableFuture.completedFuture(newValue(3));
		}).get(10, TimeUnit.SECONDS);
		assertThat(loads).hasValue(2);
	}

	@Test
	void putsIfAbsentOnlyWhenAbsent() {
		Cache cache = newManager().getCache("books");
		assertThat(cache.putIfAbsent("key", newValue(1))).isNull();
		Cache.ValueWrapper existing = cache.putIfAbsent("key", newValue(2));
		assertThat(existing).isNotNull();
		assertSameValue(newValue(1), existing.get());
		assertSameValue(newValue(1), cache.get("key").get());
	}

	@Test
	void putIfAbsentHasExactlyOneWinnerPerKeyUnderContention() throws Exception {
		Cache cache = newManager().getCache("books");
		int keys = 10_000;
		AtomicInteger winners = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> racers = new ArrayList<>();
		for (int racer = 0; racer < 4; racer++) {
			int seed = racer;
			racers.add(this.executor.submit(() -> {
				start.await();
				for (int key = 0; key < keys; key++) {
					if (cache.putIfAbsent(key, newValue(seed)) == null) {
						winners.incrementAndGet();
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> racer : racers) {
			racer.get(60, TimeUnit.SECONDS);
		}
		assertThat(winners).hasValue(keys);
	}

	@Test
	void evictsAndReportsWhetherSomethingWasThere() {
		Cache cache = newManager().getCache("books");
		cache.put("a", newValue(1));
		cache.put("b", newValue(2));
		assertThat(cache.evictIfPresent("a")).isTrue();
		assertThat(cache.evictIfPresent("a")).isFalse();
		assertThat(cache.get("a")).isNull();
		cache.evict("b");
		assertThat(cache.get("b")).isNull();
	}

	@Test
	void clearsAndReportsWhetherAnythingWasThere() {
		Cache cache = newManager().getCache("books");
		assertThat(cache.invalidate()).isFalse();
		cache.put("a", newValue(1));
		assertThat(cache.invalidate()).isTrue();
		assertThat(cache.get("a")).isNull();
		cache.put("b", newValue(2));
		cache.clear();
		assertThat(cache.get("b")).isNull();
	}

}
