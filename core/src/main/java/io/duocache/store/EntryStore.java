package io.duocache.store;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;

/**
 * Where a data cache keeps its entries beyond memory (disk, Redis): the only code that knows files
 * or Redis. Implementations may throw on any failure, {@link CorruptEntryException} for an entry
 * that does not read back exactly (after dropping it); the data tier counts the failure and carries
 * on as if the store had missed.
 */
public interface EntryStore {

	/** A store that keeps nothing. */
	EntryStore NONE = new EntryStore() {

		@Override
		public @Nullable StoredEntry load(String cacheName, CacheKey key) {
			return null;
		}

		@Override
		public void save(String cacheName, CacheKey key, StoredEntry entry) {
		}

		@Override
		public void remove(String cacheName, CacheKey key) {
		}

		@Override
		public void clear(String cacheName) {
		}

		@Override
		public String name() {
			return "none";
		}

		@Override
		public String toString() {
			return name();
		}

	};

	/**
	 * Returns what kind of store this is, as {@code duocache.store.*} meters and the endpoint name it.
	 * @return {@code none}, {@code disk} or {@code redis}
	 */
	String name();

	/**
	 * Makes the store ready, when the first cache that uses it is created; later calls do nothing.
	 * @throws io.duocache.DuocacheException if the store is configured in a way it cannot work with,
	 * saying how to fix it
	 */
	default void open() {
	}

	/**
	 * Returns how long a memory copy of an entry read from this store may live at most, or
	 * {@code null} for as long as the entry itself: a shared store bounds how stale a memory copy
	 * can get if an invalidation from another instance is lost.
	 * @return the bound, or {@code null}
	 */
	default @Nullable Duration memoryTtl() {
		return null;
	}

	/**
	 * Asks the store to report invalidations made by other instances; a store that no other instance
	 * shares reports none.
	 * @param listener what drops the memory copies
	 */
	default void listen(InvalidationListener listener) {
	}

	/**
	 * Returns what the store holds for one cache, or {@code null} when it cannot tell.
	 * @param cacheName the cache
	 * @return the entries and bytes kept for it
	 */
	default @Nullable Usage usage(String cacheName) {
		return null;
	}

	/**
	 * What a store holds for one cache.
	 *
	 * @param entries the number of entries
	 * @param bytes their size, headers included
	 */
	record Usage(long entries, long bytes) {
	}

	/**
	 * Returns the entry stored under a key, or {@code null}.
	 * @param cacheName the cache
	 * @param key the key
	 * @return the entry, or {@code null} when absent
	 */
	@Nullable StoredEntry load(String cacheName, CacheKey key);

	/**
	 * Returns the entry stored under a key, or {@code null} when the caller is to compute it. A store
	 * shared by several instances lets one of them compute a missing key while the others wait for
	 * its value (bounded); the one that computes must end with {@link #save} or {@link #abandon}.
	 * @param cacheName the cache
	 * @param key the key
	 * @return the entry, or {@code null} to compute
	 */
	default @Nullable StoredEntry loadOrLead(String cacheName, CacheKey key) {
		return load(cacheName, key);
	}

	/**
	 * Decides who refreshes a key in the background, for a memory copy written at {@code writtenAt}:
	 * an entry another instance stored since is used as it is; otherwise this caller computes (and
	 * must end with {@link #save} or {@link #abandon}), unless a store shared by several instances
	 * finds another instance refreshing the key already.
	 * @param cacheName the cache
	 * @param key the key
	 * @param writtenAt when the memory copy being refreshed was computed
	 * @return what to do
	 */
	default RefreshLead leadRefresh(String cacheName, CacheKey key, Instant writtenAt) {
		StoredEntry stored = load(cacheName, key);
		return (stored != null && stored.writtenAt().isAfter(writtenAt)) ? RefreshLead.use(stored)
				: RefreshLead.COMPUTE;
	}

	/**
	 * Who refreshes a key: this caller ({@code compute}), nobody because a newer entry is stored
	 * ({@code newer}), or another instance (neither).
	 *
	 * @param compute whether this caller computes the key
	 * @param newer an entry stored since the memory copy was written, or {@code null}
	 */
	record RefreshLead(boolean compute, @Nullable StoredEntry newer) {

		/** This caller computes. */
		public static final RefreshLead COMPUTE = new RefreshLead(true, null);

		/** Another instance is computing. */
		public static final RefreshLead ELSEWHERE = new RefreshLead(false, null);

		/**
		 * Uses an entry stored since.
		 * @param newer the entry
		 * @return the decision
		 */
		public static RefreshLead use(StoredEntry newer) {
			return new RefreshLead(false, newer);
		}

	}

	/**
	 * Gives up the computation of a key that {@link #loadOrLead} or {@link #leadRefresh} handed to this
	 * caller: it failed.
	 * @param cacheName the cache
	 * @param key the key
	 */
	default void abandon(String cacheName, CacheKey key) {
	}

	/**
	 * Stores an entry, replacing what was under the key.
	 * @param cacheName the cache
	 * @param key the key
	 * @param entry the entry
	 */
	void save(String cacheName, CacheKey key, StoredEntry entry);

	/**
	 * Removes one entry; a missing entry is a no-op.
	 * @param cacheName the cache
	 * @param key the key
	 */
	void remove(String cacheName, CacheKey key);

	/**
	 * Removes every entry of a cache.
	 * @param cacheName the cache
	 */
	void clear(String cacheName);

}
