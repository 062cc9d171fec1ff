package io.duocache;

/**
 * Releases a resource when it leaves its cache.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface ResourceReleaser<T> {

	/**
	 * Releases the resource; called exactly once for every value that leaves the cache.
	 * @param resource the resource that left the cache
	 * @throws Exception if releasing failed (it is logged, never passed to a caller)
	 */
	void release(T resource) throws Exception;

	/**
	 * Closes {@link AutoCloseable} resources and leaves others alone.
	 */
	final class Close implements ResourceReleaser<Object> {

		@Override
		public void release(Object resource) throws Exception {
			if (resource instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}

	}

	/**
	 * Leaves every resource alone.
	 */
	final class None implements ResourceReleaser<Object> {

		@Override
		public void release(Object resource) {
		}

	}

}
