package io.duocache.store;

import java.time.Duration;

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
	 * Returns the log of committed changes the store keeps for the instances that share it, or
	 * {@code null} for a store no other instance shares.
	 * @return the log, or {@code null}
	 */
	default @Nullable SharedChangeLog changeLog() {
		return null;
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
	 * Takes the right to compute a missing key, held by one instance at a time among those that share
	 * the store; the caller that gets it ends with {@link #save} or {@link #abandon}. A store no other
	 * instance shares always grants it.
	 * @param cacheName the cache
	 * @param key the key
	 * @return whether this caller computes the key; {@code false} while another instance does
	 */
	default boolean lead(String cacheName, CacheKey key) {
		return true;
	}

	/**
	 * Returns how long a caller that did not get the right to compute a key waits at most for the
	 * value of the instance that did, before it computes the key itself.
	 * @return the bound
	 */
	default Duration leaseWait() {
		return Duration.ZERO;
	}

	/**
	 * Gives up the computation of a key: it failed, or another instance computes it. What
	 * {@link #lead} granted and what a {@link #load} of the key observed for the write that follows are
	 * forgotten.
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
