package io.duocache.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.store.InvalidationListener;
import io.duocache.store.SharedChangeLog;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.CacheRegistry;
import io.duocache.config.Tier;

/**
 * Every data cache by name: the caches of {@code @CacheData} methods and those used through Spring's
 * {@code Cache} API, which are read back as the return type of the {@code @Cacheable} methods that
 * name them.
 */
public final class DataCaches extends CacheRegistry<DataCache> implements InvalidationListener {

	private final DataCodec codec;

	private final DuocacheSettings settings;

	private final Map<String, DeclaredTypes> springCacheTypes = new ConcurrentHashMap<>();

	private final EntityDependencies entityDependencies = new EntityDependencies();

	/**
	 * Creates the registry.
	 * @param codec the codec that copies values
	 * @param settings the application's cache settings
	 * @param observers creates the observer of each cache (metrics)
	 */
	public DataCaches(DataCodec codec, DuocacheSettings settings, CacheObserver.Factory observers) {
		super(Tier.DATA);
		this.codec = codec;
		this.settings = settings;
		setObservers(observers);
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
	public DataCache cacheFor(String name, String methodName, CacheKey codeHash, CacheSettings settings,
			JavaType declaredType, EntryStore store) {
		return register(name, methodName, codeHash,
				(key) -> new DataCache(key, settings, this.codec, declaredType, methodName, store));
	}

	/**
	 * Records the declared return type of a method whose values a cache used through Spring's API
	 * holds; a cache named by methods of different return types reads each value back as the one of
	 * them its runtime class belongs to.
	 * @param cacheName the cache name
	 * @param type the declared return type
	 */
	public void declareSpringCacheType(String cacheName, JavaType type) {
		springCacheTypes(cacheName).add(type);
	}

	private DeclaredTypes springCacheTypes(String cacheName) {
		return this.springCacheTypes.computeIfAbsent(cacheName, (name) -> new DeclaredTypes());
	}

	/**
	 * Returns which entries depend on which JPA entities, for the caches that invalidate on their
	 * changes.
	 * @return the records
	 */
	public EntityDependencies entityDependencies() {
		return this.entityDependencies;
	}

	/**
	 * Returns the codec that copies values.
	 * @return the codec
	 */
	public DataCodec codec() {
		return this.codec;
	}

	@Override
	public void cleared(String cacheName) {
		DataCache cache = getTierCache(cacheName);
		if (cache != null) {
			cache.releaseAll();
		}
	}

	@Override
	public void removed(String cacheName, CacheKey key) {
		DataCache cache = getTierCache(cacheName);
		if (cache != null) {
			cache.releaseKey(key);
		}
	}

	@Override
	public void changesAppended(SharedChangeLog log) {
		this.entityDependencies.catchUp(log);
	}

	@Override
	public void lost(@Nullable String cacheName) {
		for (DataCache cache : getTierCaches()) {
			if (cache.store().memoryTtl() != null && (cacheName == null || cacheName.equals(cache.name()))) {
				cache.releaseAll();
			}
		}
	}

	@Override
	protected DataCache createDynamicCache(String name) {
		return DataCache.forSpringApi(name, this.settings.resolve(name, Tier.DATA, CacheSettings.UNSET), this.codec,
				springCacheTypes(name));
	}

	@Override
	protected @Nullable Long bytesHeld(DataCache cache) {
		return cache.bytes();
	}

	@Override
	protected EntryStore.@Nullable Usage storeUsage(DataCache cache) {
		if (cache.store() == EntryStore.NONE) {
			return null;
		}
		try {
			return cache.store().usage(cache.name());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	protected Boolean invalidatesOnEntityChange(DataCache cache) {
		return cache.invalidatesOnEntityChange();
	}

	@Override
	protected String persist(DataCache cache) {
		return cache.store().name();
	}

}
