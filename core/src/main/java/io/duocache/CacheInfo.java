package io.duocache;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one cache is and holds right now.
 *
 * @param name the cache name
 * @param tier {@code data} or {@code resource}
 * @param method the cached method as {@code SimpleClassName.methodName}, or {@code null} for a cache
 * used only through Spring's {@code Cache} API
 * @param codeHash the hex code hash of the method that its entries were computed by, or {@code null}
 * @param ttl how long an entry lives after it was written, or {@code null} for no expiry
 * @param maxEntries the entry bound, or {@code null} for none
 * @param maxSize the byte budget in bytes, or {@code null} for none
 * @param entries the number of entries
 * @param bytes the bytes held by stored copies (data caches), or {@code null}
 * @param hits calls answered from the cache
 * @param misses calls that computed
 * @param evictions entries removed by expiry or a bound
 * @param puts values stored
 * @param persist where a data cache keeps entries beyond memory: {@code none}, {@code disk} or
 * {@code redis}; {@code null} for a resource cache
 * @param storeEntries the entries the store behind memory holds for this cache, or {@code null}
 * @param storeBytes their size in the store, or {@code null}
 * @param refresh {@code foreground}, or {@code background} for a cache that refreshes entries older
 * than its ttl while hits still get them
 * @param refreshes background refreshes that replaced a value
 * @param failedRefreshes background refreshes that failed and kept the old value
 * @param sessions for a cache kept per HTTP session ({@code scope = SESSION}), the sessions that have
 * entries in it, whose counts and sizes the other values sum; {@code null} for a shared cache
 * @param writes the writes Spring's write annotations made on the cache that took effect, by
 * operation: {@code evict}, {@code clear}, {@code put}
 * @param invalidateOnEntityChange for a data cache, whether a committed change of a JPA entity an
 * entry loaded invalidates it; {@code null} for a resource cache
 */
public record CacheInfo(String name, String tier, @Nullable String method, @Nullable String codeHash,
		@Nullable Duration ttl, @Nullable Long maxEntries, @Nullable Long maxSize, long entries, @Nullable Long bytes,
		long hits, long misses, long evictions, long puts, @Nullable String persist,
		@Nullable Long storeEntries, @Nullable Long storeBytes, String refresh, long refreshes,
		long failedRefreshes, @Nullable Integer sessions, Map<String, Long> writes,
		@Nullable Boolean invalidateOnEntityChange) {

	/**
	 * Returns hits divided by all lookups, or {@code 0} before the first lookup.
	 * @return the hit rate between 0 and 1
	 */
	public double hitRate() {
		long lookups = this.hits + this.misses;
		return (lookups == 0) ? 0.0 : (double) this.hits / lookups;
	}

}
