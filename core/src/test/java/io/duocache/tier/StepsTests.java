package io.duocache.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.duocache.config.CacheSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The steps of a look-up one at a time: memory alone, and the chain with a step beyond memory of
 * this test's own in place of a store, which shows what a new store gets called with and when.
 */
class StepsTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final Meters meters = new Meters();

	private final Recorded entries = new Recorded();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void memoryReleasesEveryEntryThatLeavesExactlyOnceAndCountsEvictions() {
		MemoryStep<String> memory = new MemoryStep<>(Caffeine.newBuilder().executor(Runnable::run).maximumSize(1),
				this.entries, this.meters, null, null);
		memory.put("a", "first");
		memory.put("a", "second");
		memory.drop("a");
		memory.put("b", "third");
		memory.put("c", "fourth");
		memory.cleanUp();
		assertThat(this.entries.released).hasSize(3).contains("first", "second");
		assertThat(this.meters.counters.evictions()).isEqualTo(1);
	}

	@Test
	void memoryDropsAnInvalidEntryOnItsLookUp() {
		MemoryStep<String> memory = new MemoryStep<>(Caffeine.newBuilder().executor(Runnable::run), this.entries,
				this.meters, null, null);
		memory.put("a", "invalid");
		assertThat(memory.validEntry("a")).isNull();
		assertThat(memory.entry("a")).isNull();
		assertThat(this.entries.released).containsExactly("invalid");
	}

	@Test
	void memoryTellsAWriteBeyondItThatAnInvalidationCameMeanwhile() {
		MemoryStep<String> memory = new MemoryStep<>(Caffeine.newBuilder(), this.entries, this.meters, null, null);
		long before = memory.invalidations();
		assertThat(memory.invalidatedSince(before)).isFalse();
		memory.countInvalidation();
		assertThat(memory.invalidatedSince(before)).isTrue();
	}

	@Test
	void aMissInMemoryIsServedFromBeyondMemoryWithoutComputing() throws Throwable {
		MapBeyondMemory beyond = new MapBeyondMemory();
		beyond.kept.put("a", "kept");
		SingleFlightCache<String> cache = cache(beyond);
		assertThat(cache.get("a", () -> {
			throw new AssertionError("computed");
		})).isEqualTo("kept");
		assertThat(cache.get("a", () -> "computed")).isEqualTo("kept");
		assertThat(beyond.loads).isEqualTo(1);
		assertThat(cache.counters().hits()).isEqualTo(2);
		assertThat(cache.counters().misses()).isZero();
	}

	@Test
	void aComputedEntryIsWrittenBeyondMemoryAfterItLandsAndInvalidationsReachIt() throws Throwable {
		MapBeyondMemory beyond = new MapBeyondMemory();
		SingleFlightCache<String> cache = cache(beyond);
		assertThat(cache.get("a", () -> "computed")).isEqualTo("computed");
		assertThat(beyond.kept).containsEntry("a", "computed");
		assertThat(beyond.invalidatedMeanwhile.get(0).getAsBoolean()).isFalse();
		cache.invalidate("a");
		assertThat(beyond.kept).isEmpty();
		assertThat(beyond.invalidatedMeanwhile.get(0).getAsBoolean()).isTrue();
		cache.get("b", () -> "computed");
		cache.invalidateAll();
		assertThat(beyond.clears).isEqualTo(1);
	}

	@Test
	void aFailedComputationGivesUpWhatBeyondMemoryStartedAndWritesNothing() {
		MapBeyondMemory beyond = new MapBeyondMemory();
		SingleFlightCache<String> cache = cache(beyond);
		assertThatIllegalStateException().isThrownBy(() -> cache.get("a", () -> {
			throw new IllegalStateException("failed");
		}));
		assertThat(beyond.failed).containsExactly("a");
		assertThat(beyond.kept).isEmpty();
	}

	@Test
	void anEntryComputedAcrossTheInvalidationOfItsKeyIsNeitherStoredNorWrittenThrough() throws Exception {
		MapBeyondMemory beyond = new MapBeyondMemory();
		SingleFlightCache<String> cache = cache(beyond);
		CountDownLatch computing = new CountDownLatch(1);
		CountDownLatch invalidated = new CountDownLatch(1);
		Future<Object> result = this.executor.submit(() -> {
			try {
				return cache.get("a", () -> {
					computing.countDown();
					invalidated.await();
					return "computed";
				});
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
		cache.invalidate("a");
		invalidated.countDown();
		assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("computed");
		assertThat(cache.lookup("a")).isNull();
		assertThat(beyond.kept).isEmpty();
		assertThat(this.entries.released).containsExactly("computed");
	}

	private SingleFlightCache<String> cache(BeyondMemory<String> beyond) {
		return new SingleFlightCache<>("steps", CacheSettings.UNSET, Caffeine.newBuilder().executor(Runnable::run),
				this.entries, beyond, null);
	}

	/** Entries that are the values themselves; "invalid" is never valid; records what it released. */
	private static final class Recorded implements Entries<String> {

		final List<String> released = new ArrayList<>();

		@Override
		public String toEntry(Object key, @Nullable Object value) {
			return (String) value;
		}

		@Override
		public @Nullable Object fromEntry(String entry, CacheObserver observer) {
			return entry;
		}

		@Override
		public boolean isValid(String entry) {
			return !entry.equals("invalid");
		}

		@Override
		public synchronized void released(Object key, String entry) {
			this.released.add(entry);
		}

	}

	/** A step beyond memory that keeps entries in a map, as a store would. */
	private static final class MapBeyondMemory implements BeyondMemory<String> {

		final Map<Object, String> kept = new ConcurrentHashMap<>();

		final List<BooleanSupplier> invalidatedMeanwhile = new ArrayList<>();

		final List<Object> failed = new ArrayList<>();

		int loads;

		int clears;

		@Override
		public @Nullable Loaded<String> load(Object key) {
			this.loads++;
			String entry = this.kept.get(key);
			return (entry != null) ? new Loaded<>(entry, entry) : null;
		}

		@Override
		public void published(Object key, String entry, BooleanSupplier invalidatedMeanwhile) {
			this.kept.put(key, entry);
			this.invalidatedMeanwhile.add(invalidatedMeanwhile);
		}

		@Override
		public void failed(Object key) {
			this.failed.add(key);
		}

		@Override
		public RefreshStart<String> startRefresh(Object key, String stale) {
			return RefreshStart.compute();
		}

		@Override
		public void removed(Object key) {
			this.kept.remove(key);
		}

		@Override
		public void cleared() {
			this.clears++;
			this.kept.clear();
		}

	}

}
