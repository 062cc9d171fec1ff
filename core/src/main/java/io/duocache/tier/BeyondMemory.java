package io.duocache.tier;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What a cache keeps beyond memory, as the steps of a look-up see it: on a miss in memory, an entry
 * to read back (or, across instances, the right to compute it); after a computation, the entry to
 * write through; invalidations to pass on. A cache with nothing beyond memory uses {@link #none()}.
 * Implementations never throw: a failure beyond memory is a miss.
 *
 * @param <E> what an entry holds
 */
public interface BeyondMemory<E> {

	/**
	 * Returns the step for a cache that keeps nothing beyond memory.
	 * @param <E> what an entry holds
	 * @return the step
	 */
	@SuppressWarnings("unchecked")
	static <E> BeyondMemory<E> none() {
		return (BeyondMemory<E>) Nothing.INSTANCE;
	}

	/**
	 * Reports what is done beyond memory to the cache's observer from now on (metrics, traces).
	 * @param observer the observer
	 */
	default void observeWith(CacheObserver observer) {
	}

	/**
	 * Returns an entry kept beyond memory for a key that memory missed, or {@code null} when the caller
	 * is to compute it; the caller that computes ends with {@link #published} or {@link #failed}.
	 * @param key the key
	 * @return the entry and the value for the caller that read it, or {@code null} to compute
	 */
	@Nullable Loaded<E> load(Object key);

	/**
	 * Writes a computed entry through, after it was published to memory.
	 * @param key the key
	 * @param entry the entry
	 * @param invalidatedMeanwhile whether the key or the cache was invalidated since the entry was
	 * published, so what was written must be taken back: the invalidation wins
	 */
	void published(Object key, E entry, BooleanSupplier invalidatedMeanwhile);

	/**
	 * Gives up what {@link #load} or {@link #startRefresh} started for a computation that failed.
	 * @param key the key
	 */
	void failed(Object key);

	/**
	 * Decides, on the refreshing thread, who refreshes a stale entry: this instance computes, another
	 * instance stored a newer entry to use, or another instance is computing it. A computation started
	 * here ends with {@link #published} or {@link #failed}.
	 * @param key the key
	 * @param stale the entry to refresh
	 * @return what to do
	 */
	RefreshStart<E> startRefresh(Object key, E stale);

	/**
	 * Removes one key beyond memory.
	 * @param key the key
	 */
	void removed(Object key);

	/**
	 * Removes every entry of the cache beyond memory.
	 */
	void cleared();

	/**
	 * Says that the cache refreshes in the background, so entries are kept twice as long as the ttl;
	 * called once, before any call.
	 */
	default void refreshesInBackground() {
	}

	/** Nothing beyond memory. */
	final class Nothing implements BeyondMemory<Object> {

		static final Nothing INSTANCE = new Nothing();

		private Nothing() {
		}

		@Override
		public @Nullable Loaded<Object> load(Object key) {
			return null;
		}

		@Override
		public void published(Object key, Object entry, BooleanSupplier invalidatedMeanwhile) {
		}

		@Override
		public void failed(Object key) {
		}

		@Override
		public RefreshStart<Object> startRefresh(Object key, Object stale) {
			return RefreshStart.compute();
		}

		@Override
		public void removed(Object key) {
		}

		@Override
		public void cleared() {
		}

	}

}
