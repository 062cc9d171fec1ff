package io.duocache;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCache;
import io.duocache.data.DataCodec;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.tier.CacheRegistry;
import io.duocache.tier.Tier;

/**
 * The {@link CacheData} caches: a Spring {@link org.springframework.cache.CacheManager} whose
 * caches return a fresh copy on every hit, also usable from
 * {@code @Cacheable(cacheManager = "cacheDataManager")}.
 */
public final class CacheDataManager extends CacheRegistry<DataCache> {

	private final DataCodec codec;

	private final DuocacheSettings settings;

	/**
	 * Creates the manager.
	 * @param codec the codec that copies values
	 * @param settings the application's cache settings
	 */
	public CacheDataManager(DataCodec codec, DuocacheSettings settings) {
		super(Tier.DATA);
		this.codec = codec;
		this.settings = settings;
	}

	/**
	 * Returns the cache of a cached method, creating it on first use.
	 * @param name the cache name
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param codeHash the method's code hash
	 * @param settings the resolved bounds
	 * @param declaredType the type values are read back as
	 * @param store where entries are kept beyond memory
	 * @return the cache
	 */
	public DataCache cacheFor(String name, String methodName, CacheKey codeHash,
			CacheSettings settings, JavaType declaredType, EntryStore store) {
		return register(name, methodName, codeHash,
				(key) -> new DataCache(key, settings, this.codec, declaredType, methodName, store));
	}

	/**
	 * Returns the codec that copies values.
	 * @return the codec
	 */
	public DataCodec codec() {
		return this.codec;
	}

	@Override
	protected DataCache createDynamicCache(String name) {
		return new DataCache(name,
				this.settings.resolve(name, Tier.DATA, CacheSettings.UNSET), this.codec, null,
				name, EntryStore.NONE);
	}

	@Override
	protected @Nullable Long bytesHeld(DataCache cache) {
		return cache.bytes();
	}

	@Override
	protected String persist(DataCache cache) {
		return cache.store().toString();
	}

}
