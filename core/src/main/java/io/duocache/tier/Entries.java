package io.duocache.tier;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one tier makes of values: the entry a computed value becomes, what a hit on it returns,
 * whether it may still be handed out, and what happens when it leaves memory. The data tier stores
 * bytes and copies; the resource tier holds one shared instance and releases it.
 *
 * @param <E> what an entry holds
 */
public interface Entries<E> {

	/**
	 * Turns a freshly computed value into an entry; runs on the computing thread before the value
	 * is returned to it.
	 * @param key the entry's key
	 * @param value the computed value
	 * @return the entry to store
	 */
	E toEntry(Object key, @Nullable Object value);

	/**
	 * Turns a stored entry into what a hit returns.
	 * @param entry the stored entry
	 * @param observer hears how long making the value took
	 * @return the value for the caller
	 */
	@Nullable Object fromEntry(E entry, CacheObserver observer);

	/**
	 * Returns whether a stored entry may be handed out; an invalid one is removed and computed again.
	 * An entry read back from a store that expires before memory would drop it is refused here.
	 * @param entry the stored entry
	 * @return whether it is valid
	 */
	default boolean isValid(E entry) {
		return true;
	}

	/**
	 * Called exactly once for every entry that leaves memory, and for an entry that was never stored
	 * because an invalidation came first.
	 * @param key the entry's key
	 * @param entry the entry
	 */
	default void released(Object key, E entry) {
	}

	/**
	 * Returns when an entry's value was computed, where memory cannot tell (entries of a cache with a
	 * store, which expire on a time of their own).
	 * @param entry the entry
	 * @return when its value was computed, or {@code null} for memory's own record of the write
	 */
	default @Nullable Instant writtenAt(E entry) {
		return null;
	}

}
