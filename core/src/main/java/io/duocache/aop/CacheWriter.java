package io.duocache.aop;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

import io.duocache.key.CacheKey;
import io.duocache.tier.CacheCounters;
import io.duocache.tier.CacheRegistry;
import io.duocache.tier.SingleFlightCache;

/**
 * Carries out the writes Spring's annotations declare on Duocache's caches and counts them: at once
 * outside a transaction (a computation in flight then is not stored), after commit inside one.
 */
final class CacheWriter {

	private static final boolean TRANSACTIONS = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			CacheWriter.class.getClassLoader());

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
		Runnable write = () -> {
			SingleFlightCache<?> cache = registry.getTierCache(cacheName);
			if (cache != null) {
				keys.forEach(cache::invalidate);
				cache.counters().written(operation);
			}
		};
		if (TRANSACTIONS && PendingWrites.inTransaction()) {
			PendingWrites.evictAfterCommit(cacheName, keys, write);
		}
		else {
			write.run();
		}
	}

	/** Removes every entry of a cache. */
	static void clear(DeclaredCaches.Target target) {
		CacheRegistry<?> registry = target.registry();
		String cacheName = target.declaration().cacheName();
		Runnable write = () -> {
			SingleFlightCache<?> cache = registry.getTierCache(cacheName);
			if (cache != null) {
				cache.invalidateAll();
				cache.counters().written(CacheCounters.CLEAR);
			}
		};
		if (TRANSACTIONS && PendingWrites.inTransaction()) {
			PendingWrites.clearAfterCommit(cacheName, write);
		}
		else {
			write.run();
		}
	}

	/** Returns whether the calling thread's transaction evicted this entry, which it must then compute. */
	static boolean hiddenByTransaction(String cacheName, Object key) {
		return TRANSACTIONS && PendingWrites.hides(cacheName, key);
	}

}
