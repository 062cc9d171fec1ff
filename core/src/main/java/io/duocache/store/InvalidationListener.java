package io.duocache.store;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;

/**
 * Hears invalidations that a shared store reports from other instances, so memory copies of what
 * they cleared are dropped here too.
 */
public interface InvalidationListener {

	/**
	 * Every entry of a cache was cleared.
	 * @param cacheName the cache
	 */
	void cleared(String cacheName);

	/**
	 * One entry of a cache was removed.
	 * @param cacheName the cache
	 * @param key the entry's key
	 */
	void removed(String cacheName, CacheKey key);

	/**
	 * Invalidations may have been missed (a gap in a cache's sequence, or a dropped subscription), so
	 * memory copies can no longer be trusted.
	 * @param cacheName the cache concerned, or {@code null} for every cache of the store
	 */
	void lost(@Nullable String cacheName);

	/**
	 * Another instance may have appended changes to the store's change log; also called periodically,
	 * since the notice itself can be lost.
	 * @param log the log
	 */
	default void changesAppended(SharedChangeLog log) {
	}

}
