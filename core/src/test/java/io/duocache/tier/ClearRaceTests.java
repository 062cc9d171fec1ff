package io.duocache.tier;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.data.DataCache;
import io.duocache.data.DataCodec;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.resource.ResourceCache;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clear that races a computation: the clear always wins, the byte count stays exact and every
 * resource is released exactly once. Each interleaving is forced with latches, then a bounded stress
 * runs clear against constant recomputation.
 */
class ClearRaceTests {

	private static final CacheKey KEY = new CacheKey(0, 1);

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final DataCodec codec = new DataCodec(List.of());

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void aDataValueComputedAcrossAClearIsHandedOutButNotStoredNorCounted() throws Exception {
		DataCache cache = dataCache();
		Object handedOut = computeAcross(cache, () -> new Versioned(1), cache::invalidateAll);
		assertThat(handedOut).isEqualTo(new Versioned(1));
		assertThat(cache.estimatedSize()).isZero();
		assertThat(cache.bytes()).isZero();
		assertThat(call(cache, () -> new Versioned(2))).isEqualTo(new Versioned(2));
	}

	@Test
	void aDataValueComputedAcrossTheClearOfItsKeyIsNotStored() throws Exception {
		DataCache cache = dataCache();
		computeAcross(cache, () -> new Versioned(1), () -> cache.invalidate(KEY));
		assertThat(cache.lookup(KEY)).isNull();
		assertThat(cache.bytes()).isZero();
	}

	@Test
	void aResourceCreatedAcrossAClearIsReleasedExactlyOnce() throws Exception {
		Resources resources = new Resources();
		ResourceCache cache = resources.cache();
		Resource handedOut = (Resource) computeAcross(cache, resources::create, cache::invalidateAll);
		assertThat(handedOut.releases).hasValue(1);
		assertThat(resources.created).hasValue(1);
		assertThat(resources.released).hasValue(1);
		assertThat(cache.estimatedSize()).isZero();
	}

	@Test
	void noCallStartedAfterAClearReturnsAValueComputedBeforeIt() throws Exception {
		DataCache cache = dataCache();
		AtomicLong generation = new AtomicLong();
		AtomicLong clearedUpTo = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Future<?> clearer = this.executor.submit(() -> {
			while (!done.get()) {
				long next = generation.incrementAndGet();
				cache.invalidateAll();
				clearedUpTo.set(next);
			}
		});
		int staleReads = 0;
		for (int i = 0; i < 100_000; i++) {
			long floor = clearedUpTo.get();
			Versioned value = (Versioned) call(cache, () -> new Versioned(generation.get()));
			if (value.generation() < floor) {
				staleReads++;
			}
		}
		done.set(true);
		clearer.get(10, TimeUnit.SECONDS);
		cache.invalidateAll();
		assertThat(staleReads).isZero();
		assertThat(cache.bytes()).isZero();
		assertThat(cache.estimatedSize()).isZero();
	}

	@Test
	void everyResourceCreatedWhileClearsRaceIsReleasedExactlyOnce() throws Exception {
		Resources resources = new Resources();
		ResourceCache cache = resources.cache();
		AtomicBoolean done = new AtomicBoolean();
		Future<?> clearer = this.executor.submit(() -> {
			while (!done.get()) {
				cache.invalidateAll();
			}
		});
		for (int i = 0; i < 100_000; i++) {
			call(cache, resources::create);
		}
		done.set(true);
		clearer.get(10, TimeUnit.SECONDS);
		cache.invalidateAll();
		assertThat(resources.created.get()).isGreaterThan(1);
		assertThat(resources.released).hasValue(resources.created.get());
		assertThat(resources.releasedTwice).hasValue(0);
	}

	/**
	 * Runs a computation of {@link #KEY} that is held until {@code invalidation} has run while it
	 * computes, and returns what its caller got.
	 */
	private Object computeAcross(SingleFlightCache<?> cache, Computation computation, Runnable invalidation)
			throws Exception {
		CountDownLatch computing = new CountDownLatch(1);
		CountDownLatch invalidated = new CountDownLatch(1);
		Future<Object> caller = this.executor.submit(() -> call(cache, () -> {
			computing.countDown();
			invalidated.await();
			return computation.compute();
		}));
		computing.await();
		invalidation.run();
		invalidated.countDown();
		return caller.get(10, TimeUnit.SECONDS);
	}

	private DataCache dataCache() {
		return new DataCache("test", CacheSettings.UNSET, this.codec, this.codec.mapper().constructType(Versioned.class),
				"Test.method", EntryStore.NONE);
	}

	private static Object call(SingleFlightCache<?> cache, Computation computation) throws Exception {
		try {
			return cache.get(KEY, computation);
		}
		catch (Exception ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
	}

	record Versioned(long generation) {
	}

	static final class Resources {

		final AtomicInteger created = new AtomicInteger();

		final AtomicInteger released = new AtomicInteger();

		final AtomicInteger releasedTwice = new AtomicInteger();

		Resource create() {
			this.created.incrementAndGet();
			return new Resource();
		}

		ResourceCache cache() {
			ResourceReleaser<Object> releaser = (value) -> {
				this.released.incrementAndGet();
				if (((Resource) value).releases.incrementAndGet() > 1) {
					this.releasedTwice.incrementAndGet();
				}
			};
			return new ResourceCache("test", CacheSettings.UNSET, new ResourceValidator.None(), releaser,
					new ResourceIdentities());
		}

	}

	static final class Resource {

		final AtomicInteger releases = new AtomicInteger();

	}

}
