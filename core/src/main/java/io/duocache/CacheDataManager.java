package io.duocache;

import java.util.List;

import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCaches;
import io.duocache.data.DataCodec;
import io.duocache.tier.CacheObserver;

/**
 * The {@link CacheData} caches: a Spring {@link org.springframework.cache.CacheManager} whose
 * caches return a fresh copy on every hit, also usable from
 * {@code @Cacheable(cacheManager = "cacheDataManager")}. Inject it by type or by its name,
 * {@code cacheDataManager}; it never becomes the application's default {@code CacheManager}.
 */
public final class CacheDataManager extends DuocacheCacheManager {

	CacheDataManager(DataCaches caches) {
		super(caches);
	}

	/**
	 * Creates a manager of its own, outside any application context: no bounds, no expiry, memory
	 * only. Useful as a copy-on-read {@code CacheManager} in tests.
	 * @return a new manager
	 */
	public static CacheDataManager withDefaults() {
		return new CacheDataManager(new DataCaches(new DataCodec(List.of()), DuocacheSettings.defaults(),
				CacheObserver.Factory.NONE));
	}

}
