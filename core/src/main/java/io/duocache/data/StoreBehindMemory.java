package io.duocache.data;

import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryStore;
import io.duocache.store.EntryTooLargeException;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;

/**
 * The store step of a data cache: what memory missed is read from the store (disk, Redis) behind it,
 * what was computed is written through, invalidations reach it. No failure of the store leaves this
 * class: each is counted, logged at the level it deserves, and the call carries on from memory or
 * computes.
 */
final class StoreBehindMemory {

	private static final Log logger = LogFactory.getLog(StoreBehindMemory.class);

	private final String cacheName;

	private final EntryStore store;

	private final StoreCounters counters = new StoreCounters();

	StoreBehindMemory(String cacheName, EntryStore store) {
		this.cacheName = cacheName;
		this.store = store;
	}

	/** Whether there is a store behind memory. */
	boolean exists() {
		return this.store != EntryStore.NONE;
	}

	EntryStore store() {
		return this.store;
	}

	StoreCounters counters() {
		return this.counters;
	}

	/**
	 * Reads an entry that memory missed, leading its computation across instances where the store
	 * can; an expired entry or a failure is a miss.
	 * @return the live entry, or {@code null} to compute
	 */
	@Nullable StoredEntry read(CacheKey key) {
		StoredEntry stored;
		try {
			stored = this.store.loadOrLead(this.cacheName, key);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.READ, ex);
			return null;
		}
		if (stored == null || stored.isExpiredAt(Instant.now())) {
			this.counters.miss();
			return null;
		}
		return stored;
	}

	/** Counts an entry read that decoded, and so is served. */
	void served() {
		this.counters.hit();
	}

	/** Drops an entry read that did not decode, and counts it. */
	void unreadable(CacheKey key, RuntimeException failure) {
		remove(key);
		failed(StoreCounters.READ, failure);
	}

	/**
	 * Asks who refreshes a stale entry: this instance, or another that stored a newer entry or
	 * computes it now.
	 * @return the store's answer, or {@code null} after a failure (this instance computes)
	 */
	EntryStore.@Nullable RefreshLead leadRefresh(CacheKey key, Instant writtenAt) {
		try {
			return this.store.leadRefresh(this.cacheName, key, writtenAt);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.READ, ex);
			return null;
		}
	}

	/** Counts a newer entry another instance stored that did not decode. */
	void unreadableNewer(RuntimeException failure) {
		failed(StoreCounters.READ, failure);
	}

	/**
	 * Writes a computed entry through, and takes it back if an invalidation came meanwhile: the
	 * invalidation wins.
	 * @param invalidatedMeanwhile whether the key or the cache was invalidated since the entry was
	 * published to memory
	 */
	void write(CacheKey key, StoredEntry entry, BooleanSupplier invalidatedMeanwhile) {
		try {
			this.store.save(this.cacheName, key, entry);
		}
		catch (EntryTooLargeException ex) {
			this.counters.error(StoreCounters.TOO_LARGE);
			logger.debug(ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.WRITE, ex);
			return;
		}
		if (invalidatedMeanwhile.getAsBoolean()) {
			remove(key);
		}
	}

	/** Gives up what a failed computation started in the store (its lease). */
	void abandon(CacheKey key) {
		try {
			this.store.abandon(this.cacheName, key);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.WRITE, ex);
		}
	}

	void remove(CacheKey key) {
		try {
			this.store.remove(this.cacheName, key);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.REMOVE, ex);
		}
	}

	void clear() {
		try {
			this.store.clear(this.cacheName);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.CLEAR, ex);
		}
	}

	private void failed(String operation, RuntimeException ex) {
		this.counters.error(operation);
		if (ex instanceof CorruptEntryException) {
			logger.warn("Cache '" + this.cacheName + "' dropped an entry of its " + this.store.name()
					+ " store that does not read back (" + ex.getMessage() + "); the call computes instead");
			return;
		}
		if (ex instanceof StoreUnavailableException) {
			if (logger.isDebugEnabled()) {
				logger.debug("Cache '" + this.cacheName + "' could not " + operation + " its " + this.store.name()
						+ " store (" + ex.getMessage() + "); the call carries on from memory");
			}
			return;
		}
		logger.warn("Cache '" + this.cacheName + "' could not " + operation + " its " + this.store.name()
				+ " store; the call carries on from memory", ex);
	}

}
