package io.duocache.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The latest committed changes of what entries depend on (the JPA entities of caches that invalidate
 * on entity changes), in order, kept by a store for every instance that shares it: an entry read
 * back tells by its position whether a change it depends on came after it was computed, and each
 * instance applies the changes the others appended to the entries it knows. Changes are opaque
 * strings to the store.
 */
public interface SharedChangeLog {

	/**
	 * Returns the position after the latest change appended.
	 * @return the position
	 * @throws StoreUnavailableException if the store cannot be reached
	 */
	long position();

	/**
	 * Appends changes and tells every instance sharing the store.
	 * @param changes the changes, in order
	 * @throws StoreUnavailableException if the store cannot be reached
	 */
	void append(List<String> changes);

	/**
	 * Returns the changes appended from a position on, with the position after them.
	 * @param position a position {@link #position()} returned
	 * @return the changes, or {@code null} where the log no longer reaches back that far (or was lost)
	 * @throws StoreUnavailableException if the store cannot be reached
	 */
	@Nullable Changes since(long position);

	/**
	 * Changes read from the log.
	 *
	 * @param changes the changes, in order
	 * @param position the position after them
	 */
	record Changes(List<String> changes, long position) {
	}

}
