package io.duocache;

import io.duocache.config.DuocacheSettings;
import io.duocache.resource.ResourceCaches;
import io.duocache.tier.CacheObserver;

/**
 * The {@link CacheResource} caches: a Spring {@link org.springframework.cache.CacheManager} whose
 * caches hand out one shared instance per key and release it when it leaves; closing the
 * application context releases every instance. Inject it by type or by its name,
 * {@code cacheResourceManager}; it never becomes the application's default {@code CacheManager}.
 */
public final class CacheResourceManager extends DuocacheCacheManager {

	CacheResourceManager(ResourceCaches caches) {
		super(caches);
	}

	/**
	 * Creates a manager of its own, outside any application context: no bounds, no expiry; call
	 * {@link #clear()} to release what it holds.
	 * @return a new manager
	 */
	public static CacheResourceManager withDefaults() {
		return new CacheResourceManager(new ResourceCaches(DuocacheSettings.defaults(), CacheObserver.Factory.NONE));
	}

}
