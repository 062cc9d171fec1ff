package io.duocache.resource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.SingleFlightCache;

/**
 * A resource cache: every hit returns the same shared instance after validating it, and each
 * instance is released exactly once when it leaves the cache.
 */
public final class ResourceCache extends SingleFlightCache<ResourceCache.Held> {

	private static final Log logger = LogFactory.getLog(ResourceCache.class);

	private final ResourceValidator<Object> validator;

	private final ResourceReleaser<Object> releaser;

	private final ResourceIdentities identities;

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
		super(name, settings, builder(settings));
		this.validator = validator;
		this.releaser = releaser;
		this.identities = identities;
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

	@Override
	protected Held toEntry(Object key, @Nullable Object value) {
		if (value != null && key instanceof CacheKey cacheKey) {
			this.identities.register(value, cacheKey);
		}
		return new Held(value);
	}

	@Override
	protected @Nullable Object fromEntry(Held entry) {
		return entry.value();
	}

	@Override
	protected boolean isValid(Held entry) {
		Object value = entry.value();
		if (value == null) {
			return true;
		}
		try {
			return this.validator.isValid(value);
		}
		catch (RuntimeException ex) {
			logger.warn("Validator of cache '" + name() + "' failed; the resource is released and computed again",
					ex);
			return false;
		}
	}

	@Override
	protected void onRemoval(Object key, Held entry, RemovalCause cause) {
		Object value = entry.value();
		if (value == null) {
			return;
		}
		this.identities.unregister(value);
		try {
			this.releaser.release(value);
		}
		catch (Exception ex) {
			logger.warn("Releasing a resource of cache '" + name() + "' failed", ex);
		}
	}

	/**
	 * A cached instance, which may be {@code null}.
	 *
	 * @param value the instance
	 */
	public record Held(@Nullable Object value) {
	}

}
