package io.duocache.tier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.Cache;

import io.duocache.CacheInfo;
import io.duocache.config.Tier;
import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;
import io.duocache.store.EntryStore;

/**
 * The caches of one tier by name, with what each serves; the public managers show them to users and
 * to Spring's cache abstraction. Closing the application context clears every cache, which releases
 * every resource.
 *
 * @param <C> the cache type
 */
public abstract class CacheRegistry<C extends SingleFlightCache<?>> implements DisposableBean {

	private final Tier tier;

	private final Map<String, Registered<C>> caches = new ConcurrentHashMap<>();

	private final Map<String, Cache> springCaches = new ConcurrentHashMap<>();

	private volatile CacheObserver.Factory observers = CacheObserver.Factory.NONE;

	/**
	 * Creates the registry of a tier.
	 * @param tier the tier
	 */
	protected CacheRegistry(Tier tier) {
		this.tier = tier;
	}

	/**
	 * Returns the cache of a name, creating it with {@code factory} when absent.
	 * @param name the cache name
	 * @param method the method it serves as {@code SimpleClassName.methodName}, or {@code null}
	 * @param codeHash the method's code hash, or {@code null}
	 * @param factory creates the cache
	 * @return the cache
	 */
	protected final C register(String name, @Nullable String method, @Nullable CacheKey codeHash,
			Function<String, C> factory) {
		Registered<C> registered = this.caches.computeIfAbsent(name, (key) -> {
			C cache = factory.apply(key);
			cache.observeWith(this.observers.create(cache, this.tier));
			return new Registered<>(cache, method, codeHash, new CopyOnWriteArrayList<>());
		});
		return registered.cache();
	}

	/**
	 * Records the key hasher of one bean's method, so that {@link #clear(String, Object...)} can
	 * find the entry a call would use.
	 * @param name the cache name
	 * @param keyHasher the key hasher
	 */
	public final void addKeyHasher(String name, KeyHasher keyHasher) {
		Registered<C> registered = this.caches.get(name);
		if (registered == null) {
			throw new IllegalStateException("No cache named '" + name + "'");
		}
		registered.keyHashers().add(keyHasher);
	}

	/**
	 * Sets what creates the observer of each cache created from now on (metrics).
	 * @param observers the observer factory
	 */
	public final void setObservers(CacheObserver.Factory observers) {
		this.observers = observers;
	}

	/**
	 * Returns the tier of this registry's caches.
	 * @return the tier
	 */
	public final Tier tier() {
		return this.tier;
	}

	/**
	 * Returns the cache of a name.
	 * @param name the cache name
	 * @return the cache, or {@code null}
	 */
	public final @Nullable C getTierCache(String name) {
		Registered<C> registered = this.caches.get(name);
		return (registered != null) ? registered.cache() : null;
	}

	/**
	 * Returns every cache.
	 * @return the caches
	 */
	public final Collection<C> getTierCaches() {
		return this.caches.values().stream().map(Registered::cache).toList();
	}

	/**
	 * Creates a cache used only through Spring's {@code Cache} API.
	 * @param name the cache name
	 * @return the cache
	 */
	protected abstract C createDynamicCache(String name);

	/**
	 * Returns a cache as Spring's {@link Cache}, creating it (as a cache used only through Spring's
	 * API) when absent.
	 * @param name the cache name
	 * @return the Spring view of the cache
	 */
	public final Cache springCache(String name) {
		C cache = register(name, null, null, this::createDynamicCache);
		return this.springCaches.computeIfAbsent(name, (key) -> new SpringCacheAdapter(cache));
	}

	/**
	 * Returns the names of every cache, sorted.
	 * @return the names
	 */
	public final Collection<String> cacheNames() {
		return new TreeSet<>(this.caches.keySet());
	}

	/**
	 * Clears one cache; an unknown name is a no-op.
	 * @param cacheName the cache name
	 * @return whether a cache of that name exists
	 */
	public final boolean clear(String cacheName) {
		C cache = getTierCache(cacheName);
		if (cache != null) {
			cache.invalidateAll();
		}
		return cache != null;
	}

	/**
	 * Removes entries of one cache by key; an unknown name is a no-op.
	 * @param cacheName the cache name
	 * @param keys the entries' keys, as {@link #keysFor} returns them
	 */
	public final void invalidate(String cacheName, Collection<CacheKey> keys) {
		C cache = getTierCache(cacheName);
		if (cache != null) {
			keys.forEach(cache::invalidate);
		}
	}

	/**
	 * Returns the keys a call with these arguments would use, one for each bean whose method uses the
	 * cache; exclusion and hashers apply.
	 * @param cacheName the cache name
	 * @param args all arguments of the call, excluded ones included
	 * @return the keys, none for an unknown cache
	 */
	public final List<CacheKey> keysFor(String cacheName, @Nullable Object... args) {
		Registered<C> registered = this.caches.get(cacheName);
		if (registered == null) {
			return List.of();
		}
		List<CacheKey> keys = new ArrayList<>(registered.keyHashers().size());
		for (KeyHasher keyHasher : registered.keyHashers()) {
			keys.add(keyHasher.keyFor(args));
		}
		return keys;
	}

	/**
	 * Describes every cache, sorted by name.
	 * @return the descriptions
	 */
	public final List<CacheInfo> info() {
		List<CacheInfo> infos = new ArrayList<>();
		for (String name : cacheNames()) {
			CacheInfo info = info(name);
			if (info != null) {
				infos.add(info);
			}
		}
		return infos;
	}

	/**
	 * Describes one cache.
	 * @param cacheName the cache name
	 * @return the description, or {@code null} for an unknown name
	 */
	public final @Nullable CacheInfo info(String cacheName) {
		Registered<C> registered = this.caches.get(cacheName);
		if (registered == null) {
			return null;
		}
		C cache = registered.cache();
		CacheCounters counters = cache.counters();
		EntryStore.@Nullable Usage usage = storeUsage(cache);
		return new CacheInfo(cacheName, this.tier.name().toLowerCase(Locale.ROOT), registered.method(),
				(registered.codeHash() != null) ? registered.codeHash().toHex() : null, cache.settings().ttl(),
				cache.settings().maxEntries(),
				(cache.settings().maxSize() != null) ? cache.settings().maxSize().toBytes() : null,
				cache.estimatedSize(), bytesHeld(cache), counters.hits(), counters.misses(), counters.evictions(),
				counters.puts(), persist(cache), (usage != null) ? usage.entries() : null,
				(usage != null) ? usage.bytes() : null, cache.refreshesInBackground() ? "background" : "foreground",
				counters.refreshes(), counters.failedRefreshes(),
				(cache.sessions() != null) ? cache.sessions().sessions() : null, writes(counters),
				invalidatesOnEntityChange(cache));
	}

	private static Map<String, Long> writes(CacheCounters counters) {
		Map<String, Long> writes = new LinkedHashMap<>();
		CacheCounters.WRITES.forEach((operation) -> writes.put(operation, counters.writes(operation)));
		return writes;
	}

	/**
	 * Returns the bytes a cache holds, or {@code null} where that does not apply.
	 * @param cache the cache
	 * @return the byte count, or {@code null}
	 */
	protected abstract @Nullable Long bytesHeld(C cache);

	/**
	 * Returns what the store behind memory holds for a cache, or {@code null} where there is none.
	 * @param cache the cache
	 * @return the store's usage, or {@code null}
	 */
	protected EntryStore.@Nullable Usage storeUsage(C cache) {
		return null;
	}

	/**
	 * Returns where a cache keeps entries beyond memory, or {@code null} where that does not apply.
	 * @param cache the cache
	 * @return {@code none}, {@code disk} or {@code redis}, or {@code null}
	 */
	protected abstract @Nullable String persist(C cache);

	/**
	 * Returns whether a cache invalidates its entries when the JPA entities they loaded change, or
	 * {@code null} where that does not apply.
	 * @param cache the cache
	 * @return whether it does, or {@code null}
	 */
	protected @Nullable Boolean invalidatesOnEntityChange(C cache) {
		return null;
	}

	/**
	 * Empties every cache from memory when the application context closes, which releases every
	 * resource; entries kept on disk stay for the next start.
	 */
	@Override
	public void destroy() {
		this.caches.values().forEach((registered) -> registered.cache().releaseAll());
	}

	private record Registered<C>(C cache, @Nullable String method, @Nullable CacheKey codeHash,
			List<KeyHasher> keyHashers) {
	}

}
