package io.duocache.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which cache entry produced each live resource, so that a resource passed to another
 * cached method is hashed by where it came from rather than by its contents.
 */
public final class ResourceIdentities {

	private final Cache<Object, CacheKey> origins = Caffeine.newBuilder().weakKeys().build();

	private volatile boolean empty = true;

	/**
	 * Records that a resource is the value of an entry.
	 * @param resource the resource instance
	 * @param key the key of its entry
	 */
	public void register(Object resource, CacheKey key) {
		this.origins.put(resource, key);
		this.empty = false;
	}

	/**
	 * Forgets a resource that left its cache.
	 * @param resource the resource instance
	 */
	public void unregister(Object resource) {
		this.origins.invalidate(resource);
	}

	@Nullable CacheKey originOf(Object value) {
		return this.empty ? null : this.origins.getIfPresent(value);
	}

}
