package io.duocache.resource;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.SingleFlightCache;

/**
 * A resource cache: every hit returns the same shared instance after validating it, and each
 * instance is released exactly once when it leaves the cache ({@link ResourceEntries}).
 */
public final class ResourceCache extends SingleFlightCache<ResourceCache.Held> {

	/**
	 * Creates a resource cache.
	 * @param name the cache name
	 * @param settings the resolved bounds ({@code maxSize} does not apply)
	 * @param validator checks an instance on every hit
	 * @param releaser releases an instance that left the cache
	 * @param identities where instances are registered so they can be passed to other cached methods
	 */
	public ResourceCache(String name, CacheSettings settings, ResourceValidator<Object> validator,
			ResourceReleaser<Object> releaser, ResourceIdentities identities) {
		super(name, settings, builder(settings), new ResourceEntries(name, validator, releaser, identities));
	}

	private static Caffeine<Object, Object> builder(CacheSettings settings) {
		// Release on the thread that removes the entry, so clear() and shutdown return with every
		// resource already released.
		Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
		if (settings.maxEntries() != null) {
			builder.maximumSize(settings.maxEntries());
		}
		return builder;
	}

	/**
	 * A cached instance, which may be {@code null}.
	 *
	 * @param value the instance
	 */
	public record Held(@Nullable Object value) {
	}

}
