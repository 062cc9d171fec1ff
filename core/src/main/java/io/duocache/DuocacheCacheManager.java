package io.duocache;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import io.duocache.key.CacheKey;
import io.duocache.tier.CacheRegistry;
import io.duocache.tier.TransactionWrites;

/**
 * What both managers offer: Spring's {@link CacheManager} over the caches of one tier, plus
 * clearing and describing them.
 */
abstract class DuocacheCacheManager implements CacheManager {

	private final CacheRegistry<?> caches;

	DuocacheCacheManager(CacheRegistry<?> caches) {
		this.caches = caches;
	}

	/**
	 * Returns the cache of a name as Spring's {@link Cache}; a name no cached method uses gets a
	 * cache of its own, used only through Spring's API ({@code @Cacheable}).
	 * @param name the cache name
	 * @return the cache
	 */
	@Override
	public final Cache getCache(String name) {
		return this.caches.springCache(name);
	}

	/**
	 * Returns the names of every cache, sorted.
	 * @return the names
	 */
	@Override
	public final Collection<String> getCacheNames() {
		return this.caches.cacheNames();
	}

	/**
	 * Clears every cache. Inside a Spring-managed transaction this takes effect after the commit, and
	 * not at all after a rollback; until then the transaction's own calls compute without storing.
	 */
	public final void clear() {
		this.caches.cacheNames().forEach(this::clear);
	}

	/**
	 * Clears one cache; an unknown name is a no-op. Inside a Spring-managed transaction this takes
	 * effect after the commit, and not at all after a rollback.
	 * @param cacheName the cache name
	 * @return whether a cache of that name exists
	 */
	public final boolean clear(String cacheName) {
		boolean exists = this.caches.getTierCache(cacheName) != null;
		TransactionWrites.writeAll(cacheName, () -> this.caches.clear(cacheName));
		return exists;
	}

	/**
	 * Removes the one entry that a call with these arguments would use; exclusion and hashers apply,
	 * and a missing entry is a no-op. Inside a Spring-managed transaction this takes effect after the
	 * commit, and not at all after a rollback.
	 * @param cacheName the cache name
	 * @param args all arguments of the call, excluded ones included
	 */
	public final void clear(String cacheName, @Nullable Object... args) {
		List<CacheKey> keys = this.caches.keysFor(cacheName, args);
		TransactionWrites.write(cacheName, keys, () -> this.caches.invalidate(cacheName, keys));
	}

	/**
	 * Describes every cache, sorted by name.
	 * @return the descriptions
	 */
	public final List<CacheInfo> info() {
		return this.caches.info();
	}

	/**
	 * Describes one cache.
	 * @param cacheName the cache name
	 * @return the description, or {@code null} for an unknown name
	 */
	public final @Nullable CacheInfo info(String cacheName) {
		return this.caches.info(cacheName);
	}

}
