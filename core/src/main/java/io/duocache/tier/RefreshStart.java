package io.duocache.tier;

import org.jspecify.annotations.Nullable;

/**
 * Who refreshes a stale entry, see {@link BeyondMemory#startRefresh}.
 *
 * @param <E> what an entry holds
 * @param computes whether this instance computes the value again
 * @param newer an entry to use instead, stored by another instance, or {@code null}
 */
public record RefreshStart<E>(boolean computes, @Nullable E newer) {

	/**
	 * This instance computes.
	 * @param <E> what an entry holds
	 * @return the decision
	 */
	public static <E> RefreshStart<E> compute() {
		return new RefreshStart<>(true, null);
	}

	/**
	 * Another instance computes; this one keeps its entry meanwhile.
	 * @param <E> what an entry holds
	 * @return the decision
	 */
	public static <E> RefreshStart<E> elsewhere() {
		return new RefreshStart<>(false, null);
	}

	/**
	 * Uses an entry another instance stored.
	 * @param <E> what an entry holds
	 * @param newer the entry
	 * @return the decision
	 */
	public static <E> RefreshStart<E> use(E newer) {
		return new RefreshStart<>(false, newer);
	}

}
