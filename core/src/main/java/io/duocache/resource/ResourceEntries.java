package io.duocache.resource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.Entries;

/**
 * What the resource tier makes of values: the instance itself, shared by every hit, validated before
 * each one, registered so it can be passed to other cached methods, and released exactly once when it
 * leaves.
 */
final class ResourceEntries implements Entries<ResourceCache.Held> {

	private static final Log logger = LogFactory.getLog(ResourceEntries.class);

	private final String cacheName;

	private final ResourceValidator<Object> validator;

	private final ResourceReleaser<Object> releaser;

	private final ResourceIdentities identities;

	ResourceEntries(String cacheName, ResourceValidator<Object> validator, ResourceReleaser<Object> releaser,
			ResourceIdentities identities) {
		this.cacheName = cacheName;
		this.validator = validator;
		this.releaser = releaser;
		this.identities = identities;
	}

	@Override
	public ResourceCache.Held toEntry(Object key, @Nullable Object value) {
		if (value != null && key instanceof CacheKey cacheKey) {
			this.identities.register(value, cacheKey);
		}
		return new ResourceCache.Held(value);
	}

	@Override
	public @Nullable Object fromEntry(ResourceCache.Held entry, CacheObserver observer) {
		return entry.value();
	}

	@Override
	public boolean isValid(ResourceCache.Held entry) {
		Object value = entry.value();
		if (value == null) {
			return true;
		}
		try {
			return this.validator.isValid(value);
		}
		catch (RuntimeException ex) {
			logger.warn("Validator of cache '" + this.cacheName + "' failed; the resource is released and computed "
					+ "again", ex);
			return false;
		}
	}

	@Override
	public void released(Object key, ResourceCache.Held entry) {
		Object value = entry.value();
		if (value == null) {
			return;
		}
		this.identities.unregister(value);
		try {
			this.releaser.release(value);
		}
		catch (Exception ex) {
			logger.warn("Releasing a resource of cache '" + this.cacheName + "' failed", ex);
		}
	}

}
