package io.duocache;

/**
 * Checks, on every hit, whether a cached resource can still be used.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface ResourceValidator<T> {

	/**
	 * Returns whether the resource can be handed out; {@code false} releases it and computes a new
	 * one.
	 * @param resource the cached resource
	 * @return whether it is valid
	 */
	boolean isValid(T resource);

	/**
	 * Accepts every resource.
	 */
	final class None implements ResourceValidator<Object> {

		@Override
		public boolean isValid(Object resource) {
			return true;
		}

	}

}
