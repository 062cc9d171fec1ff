package io.duocache.store;

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
