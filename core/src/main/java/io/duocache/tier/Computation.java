package io.duocache.tier;

import org.jspecify.annotations.Nullable;

/**
 * The work a cache runs on a miss: usually the cached method itself.
 */
@FunctionalInterface
public interface Computation {

	/**
	 * Computes the value.
	 * @return the value, which may be {@code null}
	 * @throws Throwable whatever the method throws; it is never cached
	 */
	@Nullable Object compute() throws Throwable;

}
