package io.duocache.resource;

import org.jspecify.annotations.Nullable;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.CacheRegistry;
import io.duocache.config.Tier;

/**
 * Every resource cache by name; closing the application context releases every instance.
 */
public final class ResourceCaches extends CacheRegistry<ResourceCache> {

	private final DuocacheSettings settings;

	private final ResourceIdentities identities = new ResourceIdentities();

	/**
	 * Creates the registry.
	 * @param settings the application's cache settings
	 * @param observers creates the observer of each cache (metrics)
	 */
	public ResourceCaches(DuocacheSettings settings, CacheObserver.Factory observers) {
		super(Tier.RESOURCE);
		this.settings = settings;
		setObservers(observers);
	}

	/**
	 * Returns the cache of a cached method, creating it on first use.
	 * @param name the cache name
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param codeHash the method's code hash
	 * @param settings the resolved bounds
	 * @param validator checks an instance on every hit
	 * @param releaser releases an instance that left the cache
	 * @return the cache
	 */
	public ResourceCache cacheFor(String name, String methodName, CacheKey codeHash, CacheSettings settings,
			ResourceValidator<Object> validator, ResourceReleaser<Object> releaser) {
		return register(name, methodName, codeHash,
				(key) -> new ResourceCache(key, settings, validator, releaser, this.identities));
	}

	/**
	 * Returns where the resources of every cache are registered.
	 * @return the registry of resource origins
	 */
	public ResourceIdentities identities() {
		return this.identities;
	}

	@Override
	protected ResourceCache createDynamicCache(String name) {
		return new ResourceCache(name, this.settings.resolve(name, Tier.RESOURCE, CacheSettings.UNSET),
				new ResourceValidator.None(), new ResourceReleaser.Close(), this.identities);
	}

	@Override
	protected @Nullable Long bytesHeld(ResourceCache cache) {
		return null;
	}

	@Override
	protected @Nullable String persist(ResourceCache cache) {
		return null;
	}

}
