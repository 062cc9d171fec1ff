package io.duocache.data;

import java.time.Duration;
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
import io.duocache.tier.BeyondMemory;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.Loaded;
import io.duocache.tier.RefreshStart;

/**
 * The store step of a data cache: what memory missed is read from the store (disk, Redis) behind it,
 * through the {@link LeaseStep} where instances share it; what was computed is written through;
 * invalidations reach it. No failure of the store leaves this class: each is counted, logged at the
 * level it deserves, and the call carries on from memory or computes.
 */
final class StoreStep implements BeyondMemory<DataEntry> {

	private static final Log logger = LogFactory.getLog(StoreStep.class);

	private static final String HIT = "hit";

	private static final String MISS = "miss";

	private static final String SUCCESS = "success";

	private static final String ERROR = "error";

	private final String cacheName;

	private final EntryStore store;

	private final DataEntries entries;

	private final LeaseStep leases;

	private final StoreCounters counters;

	private volatile CacheObserver observer = CacheObserver.NONE;

	/** Where the entries' dependencies are recorded, for a cache that invalidates on entity changes. */
	private volatile @Nullable EntityDependencies dependencies;

	private volatile @Nullable DataCache cache;

	StoreStep(String cacheName, EntryStore store, DataEntries entries, StoreCounters counters) {
		this.cacheName = cacheName;
		this.store = store;
		this.entries = entries;
		this.leases = new LeaseStep(cacheName, store, counters);
		this.counters = counters;
	}

	/**
	 * Makes stored entries carry what their values depend on, and entries read back admitted only
	 * when nothing they depend on changed since they were computed.
	 */
	void storeDependencies(EntityDependencies dependencies, DataCache cache) {
		this.cache = cache;
		this.dependencies = dependencies;
	}

	@Override
	public void observeWith(CacheObserver observer) {
		this.observer = observer;
	}

	/**
	 * Reads an entry that memory missed, leading its computation across instances where the store
	 * can; an expired entry, one that does not decode, or a failure is a miss.
	 */
	@Override
	public @Nullable Loaded<DataEntry> load(Object key) {
		if (!this.entries.readsStored() || !(key instanceof CacheKey cacheKey)) {
			return null;
		}
		CacheObserver observer = this.observer;
		Object observation = observer.storeStarted(StoreCounters.READ);
		StoredEntry stored;
		try {
			stored = this.leases.loadOrLead(cacheKey);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.READ, ex);
			observer.storeEnded(observation, ERROR, ex);
			return null;
		}
		if (stored == null || stored.isExpiredAt(Instant.now())) {
			this.counters.miss();
			observer.storeEnded(observation, MISS, null);
			return null;
		}
		try {
			stored = admitted(cacheKey, stored);
			if (stored == null) {
				this.counters.miss();
				observer.storeEnded(observation, MISS, null);
				return null;
			}
			Loaded<DataEntry> loaded = this.entries.fromStore(stored);
			this.counters.hit();
			observer.storeEnded(observation, HIT, null);
			return loaded;
		}
		catch (RuntimeException ex) {
			removed(cacheKey);
			failed(StoreCounters.READ, ex);
			observer.storeEnded(observation, ERROR, ex);
			return null;
		}
	}

	/** A stored entry as the cache reads it: without what it depends on, or {@code null} where that changed. */
	private @Nullable StoredEntry admitted(CacheKey key, StoredEntry stored) {
		EntityDependencies recorded = this.dependencies;
		if (recorded == null) {
			return stored;
		}
		byte[] smile = recorded.admit(this.cache, key, stored.bytes());
		return (smile != null) ? new StoredEntry(smile, stored.writtenAt(), stored.expiresAt()) : null;
	}

	@Override
	public RefreshStart<DataEntry> startRefresh(Object key, DataEntry stale) {
		if (!this.entries.readsStored() || !(key instanceof CacheKey cacheKey)) {
			return RefreshStart.compute();
		}
		LeaseStep.RefreshLead lead;
		try {
			lead = this.leases.leadRefresh(cacheKey, stale.writtenAt());
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.READ, ex);
			return RefreshStart.compute();
		}
		StoredEntry newer = lead.newer();
		if (newer == null) {
			return lead.compute() ? RefreshStart.compute() : RefreshStart.elsewhere();
		}
		try {
			StoredEntry admitted = admitted(cacheKey, newer);
			if (admitted == null) {
				return RefreshStart.compute();
			}
			return RefreshStart.use(this.entries.fromStore(admitted).entry());
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.READ, ex);
			return RefreshStart.elsewhere();
		}
	}

	@Override
	public void refreshesInBackground() {
		this.entries.refreshesInBackground();
	}

	/** Writes a computed entry through, and takes it back if an invalidation came meanwhile. */
	@Override
	public void published(Object key, DataEntry entry, BooleanSupplier invalidatedMeanwhile) {
		if (!(key instanceof CacheKey cacheKey)) {
			return;
		}
		Duration kept = this.entries.keptFor();
		Instant expiresAt = (kept != null) ? entry.writtenAt().plus(kept) : null;
		CacheObserver observer = this.observer;
		Object observation = observer.storeStarted(StoreCounters.WRITE);
		try {
			EntityDependencies recorded = this.dependencies;
			byte[] bytes = (recorded != null) ? recorded.storedWith(this.cache, cacheKey, entry.bytes()) : entry.bytes();
			this.store.save(this.cacheName, cacheKey, new StoredEntry(bytes, entry.writtenAt(), expiresAt));
		}
		catch (EntryTooLargeException ex) {
			this.counters.error(StoreCounters.TOO_LARGE);
			logger.debug(ex.getMessage());
			observer.storeEnded(observation, ERROR, ex);
			return;
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.WRITE, ex);
			observer.storeEnded(observation, ERROR, ex);
			return;
		}
		observer.storeEnded(observation, SUCCESS, null);
		if (invalidatedMeanwhile.getAsBoolean()) {
			removed(cacheKey);
		}
	}

	/** Gives up what a failed computation started in the store (its lease). */
	@Override
	public void failed(Object key) {
		if (!(key instanceof CacheKey cacheKey)) {
			return;
		}
		try {
			this.store.abandon(this.cacheName, cacheKey);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.WRITE, ex);
		}
	}

	@Override
	public void removed(Object key) {
		if (!(key instanceof CacheKey cacheKey)) {
			return;
		}
		try {
			this.store.remove(this.cacheName, cacheKey);
		}
		catch (RuntimeException ex) {
			failed(StoreCounters.REMOVE, ex);
		}
	}

	@Override
	public void cleared() {
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
