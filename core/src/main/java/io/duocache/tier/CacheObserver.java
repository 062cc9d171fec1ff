package io.duocache.tier;

import org.jspecify.annotations.Nullable;

import io.duocache.config.Tier;

/**
 * Hears what one cache does on the call path, for metrics. Implementations must be cheap and must
 * not throw.
 */
public interface CacheObserver {

	/** An observer that does nothing. */
	CacheObserver NONE = new CacheObserver() {
	};

	/**
	 * Called on the computing thread when a miss starts computing.
	 * @param async whether the computation returns a future, so it may end on another thread
	 * @return a token handed back to {@link #computeEnded} or {@link #computeFailed}
	 */
	default @Nullable Object computeStarted(boolean async) {
		return null;
	}

	/**
	 * Called when a computation ended with a value; for a synchronous one, on the computing thread.
	 * @param token what {@link #computeStarted} returned
	 * @param nanos how long the computation ran
	 */
	default void computeEnded(@Nullable Object token, long nanos) {
	}

	/**
	 * Called when a computation failed; for a synchronous one, on the computing thread.
	 * @param token what {@link #computeStarted} returned
	 * @param nanos how long the computation ran
	 * @param failure what it threw
	 */
	default void computeFailed(@Nullable Object token, long nanos, Throwable failure) {
		computeEnded(token, nanos);
	}

	/**
	 * Called on the calling thread before the store behind memory (disk, Redis) is read after a memory
	 * miss, or written after a computation.
	 * @param operation {@code read} or {@code write}
	 * @return a token handed back to {@link #storeEnded}
	 */
	default @Nullable Object storeStarted(String operation) {
		return null;
	}

	/**
	 * Called on the same thread when that store operation ended.
	 * @param token what {@link #storeStarted} returned
	 * @param result {@code hit} or {@code miss} for a read, {@code success} for a write, or
	 * {@code error}
	 * @param failure what the store threw, for an error
	 */
	default void storeEnded(@Nullable Object token, String result, @Nullable Throwable failure) {
	}

	/**
	 * Called when a data hit produced a copy.
	 * @param nanos how long the copy took
	 */
	default void copied(long nanos) {
	}

	/**
	 * Creates the observer of each cache when the cache is created.
	 */
	@FunctionalInterface
	interface Factory {

		/** A factory of observers that do nothing. */
		Factory NONE = (cache, tier) -> CacheObserver.NONE;

		/**
		 * Returns the observer of a new cache.
		 * @param cache the cache
		 * @param tier its tier
		 * @return the observer
		 */
		CacheObserver create(SingleFlightCache<?> cache, Tier tier);

	}

}
