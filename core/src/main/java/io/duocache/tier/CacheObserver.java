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
	 * Called when a miss starts computing.
	 * @return a token handed back to {@link #computeEnded}
	 */
	default @Nullable Object computeStarted() {
		return null;
	}

	/**
	 * Called when a computation ends, normally or not.
	 * @param token what {@link #computeStarted} returned
	 * @param nanos how long the computation ran
	 */
	default void computeEnded(@Nullable Object token, long nanos) {
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
