package io.duocache.config;

import java.util.Map;

import io.duocache.Persist;

/**
 * The application's settings for every cache: defaults per tier and overrides per cache name.
 * Precedence: the cache's own entry, then the annotation, then the tier default.
 */
public final class DuocacheSettings {

	private static final String DEFAULT_PERSIST_SOURCE = "duocache.data.persist";

	private final CacheSettings dataDefaults;

	private final CacheSettings resourceDefaults;

	private final Persist dataPersist;

	private final Map<String, CacheSettings> caches;

	private final Map<String, Persist> cachePersist;

	private final boolean entityInvalidation;

	private final Map<String, Boolean> cacheEntityInvalidation;

	/**
	 * Creates the settings.
	 * @param dataDefaults defaults for every {@code @CacheData} cache
	 * @param resourceDefaults defaults for every {@code @CacheResource} cache
	 * @param dataPersist the second tier used by {@code @CacheData(persist = DEFAULT)}
	 * @param caches settings per cache name, winning over annotations
	 */
	public DuocacheSettings(CacheSettings dataDefaults, CacheSettings resourceDefaults, Persist dataPersist,
			Map<String, CacheSettings> caches) {
		this(dataDefaults, resourceDefaults, dataPersist, caches, Map.of());
	}

	/**
	 * Creates the settings.
	 * @param dataDefaults defaults for every {@code @CacheData} cache
	 * @param resourceDefaults defaults for every {@code @CacheResource} cache
	 * @param dataPersist the second tier used by {@code @CacheData(persist = DEFAULT)}
	 * @param caches settings per cache name, winning over annotations
	 * @param cachePersist the second tier per cache name, winning over annotations
	 */
	public DuocacheSettings(CacheSettings dataDefaults, CacheSettings resourceDefaults, Persist dataPersist,
			Map<String, CacheSettings> caches, Map<String, Persist> cachePersist) {
		this(dataDefaults, resourceDefaults, dataPersist, caches, cachePersist, false, Map.of());
	}

	private DuocacheSettings(CacheSettings dataDefaults, CacheSettings resourceDefaults, Persist dataPersist,
			Map<String, CacheSettings> caches, Map<String, Persist> cachePersist, boolean entityInvalidation,
			Map<String, Boolean> cacheEntityInvalidation) {
		this.dataDefaults = dataDefaults;
		this.resourceDefaults = resourceDefaults;
		this.dataPersist = (dataPersist != Persist.DEFAULT) ? dataPersist : Persist.NONE;
		this.caches = Map.copyOf(caches);
		this.cachePersist = Map.copyOf(cachePersist);
		this.entityInvalidation = entityInvalidation;
		this.cacheEntityInvalidation = Map.copyOf(cacheEntityInvalidation);
	}

	/**
	 * Returns these settings with data caches that invalidate their entries when the JPA entities they
	 * depend on change.
	 * @param byDefault whether every data cache does ({@code duocache.data.invalidate-on-entity-change})
	 * @param perCache the caches that decide for themselves
	 * @return the new settings
	 */
	public DuocacheSettings withEntityInvalidation(boolean byDefault, Map<String, Boolean> perCache) {
		return new DuocacheSettings(this.dataDefaults, this.resourceDefaults, this.dataPersist, this.caches,
				this.cachePersist, byDefault, perCache);
	}

	/**
	 * Returns whether a data cache invalidates its entries when the JPA entities they depend on change.
	 * @param cacheName the cache name
	 * @return whether it does
	 */
	public boolean invalidatesOnEntityChange(String cacheName) {
		return this.cacheEntityInvalidation.getOrDefault(cacheName, this.entityInvalidation);
	}

	/**
	 * Returns settings with no defaults and no overrides: unbounded caches without expiry.
	 * @return the built-in defaults
	 */
	public static DuocacheSettings defaults() {
		return new DuocacheSettings(CacheSettings.UNSET, CacheSettings.UNSET, Persist.NONE, Map.of());
	}

	/**
	 * Resolves the settings of one cache.
	 * @param cacheName the cache name
	 * @param tier the tier of the cache
	 * @param annotation what the annotation says
	 * @return the merged settings
	 */
	public CacheSettings resolve(String cacheName, Tier tier, CacheSettings annotation) {
		CacheSettings own = this.caches.getOrDefault(cacheName, CacheSettings.UNSET);
		return own.orElse(annotation).orElse((tier == Tier.DATA) ? this.dataDefaults : this.resourceDefaults);
	}

	/**
	 * Resolves where one data cache keeps entries beyond memory: the cache's own setting, then the
	 * annotation, then {@code duocache.data.persist}.
	 * @param cacheName the cache name
	 * @param annotation what the annotation says
	 * @return the second tier, never {@link Persist#DEFAULT}, and where that choice was made
	 */
	public PersistChoice persist(String cacheName, Persist annotation) {
		Persist own = this.cachePersist.getOrDefault(cacheName, Persist.DEFAULT);
		if (own != Persist.DEFAULT) {
			return new PersistChoice(own, "duocache.caches." + cacheName + ".persist");
		}
		if (annotation != Persist.DEFAULT) {
			return new PersistChoice(annotation, "@CacheData(persist)");
		}
		return new PersistChoice(this.dataPersist, DEFAULT_PERSIST_SOURCE);
	}

	/**
	 * Returns the names that have their own settings.
	 * @return the configured cache names
	 */
	public java.util.Set<String> configuredCacheNames() {
		java.util.Set<String> names = new java.util.TreeSet<>(this.caches.keySet());
		names.addAll(this.cachePersist.keySet());
		return names;
	}

	/**
	 * Where a data cache keeps entries beyond memory, and what chose it.
	 *
	 * @param persist the second tier, never {@link Persist#DEFAULT}
	 * @param source the property or attribute that decided, for messages
	 */
	public record PersistChoice(Persist persist, String source) {

		/**
		 * Returns whether the application-wide default decided, not the cache's own setting.
		 * @return whether {@code duocache.data.persist} decided
		 */
		public boolean isDefault() {
			return DEFAULT_PERSIST_SOURCE.equals(this.source);
		}

	}

}
