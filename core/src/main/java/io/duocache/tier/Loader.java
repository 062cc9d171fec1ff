package io.duocache.tier;

import org.jspecify.annotations.Nullable;

/**
 * The work a cache runs on a miss, given what it needs as an argument.
 *
 * @param <A> the argument type
 */
@FunctionalInterface
public interface Loader<A> {

	/**
	 * Computes the value.
	 * @param argument what the computation needs
	 * @return the value, which may be {@code null}
	 * @throws Throwable whatever the computation throws; it is never cached
	 */
	@Nullable Object load(A argument) throws Throwable;

	/**
	 * Returns an argument that can be loaded later on another thread, after the call that
	 * passed {@code argument} has returned (for a background refresh).
	 * @param argument what the computation needs
	 * @return an argument of its own
	 */
	default A detach(A argument) {
		return argument;
	}

}
