package io.duocache.aop;

import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.tier.CacheCounters;
import io.duocache.tier.CacheRegistry;
import io.duocache.tier.SingleFlightCache;
import io.duocache.tier.TransactionWrites;

/**
 * Carries out the writes Spring's annotations declare on Duocache's caches and counts them: at once
 * outside a transaction (a computation in flight then is not stored), after commit inside one.
 */
final class CacheWriter {

	private static final Log logger = LogFactory.getLog(CacheWriter.class);

	private CacheWriter() {
	}

	/**
	 * Removes the entry a call with these arguments would use.
	 * @param target the cache
	 * @param arguments the arguments of such a call
	 * @param operation what is counted: {@link CacheCounters#EVICT} or {@link CacheCounters#PUT}
	 */
	static void evict(DeclaredCaches.Target target, @Nullable Object[] arguments, String operation) {
		CacheRegistry<?> registry = target.registry();
		String cacheName = target.declaration().cacheName();
		List<CacheKey> keys = registry.keysFor(cacheName, arguments);
		TransactionWrites.write(cacheName, keys, () -> {
			registry.invalidate(cacheName, keys);
			counted(registry, cacheName, operation);
		});
	}

	/**
	 * Stores a {@code @CachePut}'s result as the entry a call with these arguments would use: a copy
	 * on the data tier, the instance on the resource tier (the one it replaces is released). The
	 * entry goes beyond memory, so instances sharing a store compute it again. A result that is not
	 * what the cached method caches (another type, a future) removes the entry instead.
	 * @param target the cache
	 * @param arguments the arguments of such a call
	 * @param result what the writing method returned
	 */
	static void put(DeclaredCaches.Target target, @Nullable Object[] arguments, @Nullable Object result) {
		Optional<Object> value = target.asCachedValue(result);
		if (value == null) {
			evict(target, arguments, CacheCounters.PUT);
			return;
		}
		CacheRegistry<?> registry = target.registry();
		String cacheName = target.declaration().cacheName();
		List<CacheKey> keys = registry.keysFor(cacheName, arguments);
		Runnable write = () -> {
			SingleFlightCache<?> cache = registry.getTierCache(cacheName);
			if (cache == null) {
				return;
			}
			for (CacheKey key : keys) {
				try {
					cache.replace(key, value.orElse(null));
				}
				catch (RuntimeException ex) {
					cache.invalidate(key);
					logger.warn("@CachePut could not store its result in cache '" + cacheName + "' ("
							+ ex.getMessage() + "); the entry was removed, and the next call computes it", ex);
				}
			}
			cache.counters().written(CacheCounters.PUT);
		};
		TransactionWrites.write(cacheName, keys, write);
	}

	/** Removes every entry of a cache. */
	static void clear(DeclaredCaches.Target target) {
		CacheRegistry<?> registry = target.registry();
		String cacheName = target.declaration().cacheName();
		TransactionWrites.writeAll(cacheName, () -> {
			registry.clear(cacheName);
			counted(registry, cacheName, CacheCounters.CLEAR);
		});
	}

	private static void counted(CacheRegistry<?> registry, String cacheName, String operation) {
		SingleFlightCache<?> cache = registry.getTierCache(cacheName);
		if (cache != null) {
			cache.counters().written(operation);
		}
	}

}
