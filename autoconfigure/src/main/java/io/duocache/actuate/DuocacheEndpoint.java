package io.duocache.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.duocache.CacheDataManager;
import io.duocache.CacheInfo;
import io.duocache.CacheResourceManager;

/**
 * The {@code duocache} endpoint: lists every cache with its bounds, contents and counts, shows one,
 * and clears one or all.
 */
@Endpoint(id = "duocache")
public class DuocacheEndpoint {

	private final CacheDataManager dataManager;

	private final CacheResourceManager resourceManager;

	private final Stores stores;

	/**
	 * Creates the endpoint for an application without a shared store.
	 * @param dataManager the data caches
	 * @param resourceManager the resource caches
	 */
	public DuocacheEndpoint(CacheDataManager dataManager, CacheResourceManager resourceManager) {
		this(dataManager, resourceManager, Stores.NONE);
	}

	/**
	 * Creates the endpoint.
	 * @param dataManager the data caches
	 * @param resourceManager the resource caches
	 * @param stores describes the shared stores (Redis) as they are now
	 */
	public DuocacheEndpoint(CacheDataManager dataManager, CacheResourceManager resourceManager, Stores stores) {
		this.dataManager = dataManager;
		this.resourceManager = resourceManager;
		this.stores = stores;
	}

	/**
	 * Describes every cache.
	 * @return the caches, data caches first, each sorted by name
	 */
	@ReadOperation
	public CachesDescriptor caches() {
		List<CacheDescriptor> caches = new ArrayList<>();
		this.dataManager.info().forEach((info) -> caches.add(CacheDescriptor.of(info)));
		this.resourceManager.info().forEach((info) -> caches.add(CacheDescriptor.of(info)));
		return new CachesDescriptor(caches, this.stores.describe());
	}

	/**
	 * Describes one cache.
	 * @param name the cache name
	 * @return the cache, or {@code null} (404) when no cache has that name
	 */
	@ReadOperation
	public @Nullable CacheDescriptor cache(@Selector String name) {
		CacheInfo info = this.dataManager.info(name);
		if (info == null) {
			info = this.resourceManager.info(name);
		}
		return (info != null) ? CacheDescriptor.of(info) : null;
	}

	/**
	 * Clears every cache; resources are released.
	 */
	@DeleteOperation
	public void clearCaches() {
		this.dataManager.clear();
		this.resourceManager.clear();
	}

	/**
	 * Clears one cache.
	 * @param name the cache name
	 * @return whether a cache of that name existed
	 */
	@DeleteOperation
	public boolean clearCache(@Selector String name) {
		boolean data = this.dataManager.clear(name);
		boolean resource = this.resourceManager.clear(name);
		return data || resource;
	}

	/**
	 * Every cache, and the shared stores behind them.
	 *
	 * @param caches the caches
	 * @param stores the shared stores (Redis), empty without one
	 */
	public record CachesDescriptor(List<CacheDescriptor> caches, List<StoreDescriptor> stores)
			implements OperationResponseBody {
	}

	/**
	 * A store that instances share.
	 *
	 * @param store {@code redis}
	 * @param circuit {@code open} while calls skip the store after repeated failures, else {@code closed}
	 * @param repairs how many times the store answered an older generation or entry version than this
	 * instance had seen (a failover lost a clear) and the newer one was restored
	 * @param unacknowledgedClears clears that no replica acknowledged in time
	 */
	public record StoreDescriptor(String store, String circuit, long repairs, long unacknowledgedClears) {
	}

	/**
	 * Describes the shared stores of the application as they are now.
	 */
	@FunctionalInterface
	public interface Stores {

		/** No shared store. */
		Stores NONE = List::of;

		/**
		 * Describes the stores.
		 * @return one descriptor per store
		 */
		List<StoreDescriptor> describe();

	}

	/**
	 * One cache.
	 *
	 * @param name the cache name
	 * @param tier {@code data} or {@code resource}
	 * @param method the cached method as {@code SimpleClassName.methodName}
	 * @param codeHash the hex code hash of the method its entries come from
	 * @param ttl the time to live, ISO-8601
	 * @param maxEntries the entry bound
	 * @param maxSize the byte budget
	 * @param entries the number of entries
	 * @param bytes the bytes held by stored copies
	 * @param hits calls answered from the cache
	 * @param misses calls that computed
	 * @param hitRate hits divided by lookups
	 * @param evictions entries removed by expiry or a bound
	 * @param puts values stored
	 * @param persist where a data cache keeps entries beyond memory; {@code null} for a resource cache
	 * @param storeEntries the entries the store behind memory holds for this cache
	 * @param storeBytes their size in the store
	 * @param refresh {@code foreground} or {@code background}
	 * @param refreshes background refreshes that replaced a value
	 * @param failedRefreshes background refreshes that failed and kept the old value
	 * @param sessions for a cache kept per HTTP session, the sessions that have entries; {@code null}
	 * for a shared cache
	 * @param writes the writes Spring's write annotations made that took effect, by operation
	 * @param invalidateOnEntityChange for a data cache, whether a committed change of a JPA entity an
	 * entry loaded invalidates it; {@code null} for a resource cache
	 */
	public record CacheDescriptor(String name, String tier, @Nullable String method, @Nullable String codeHash,
			@Nullable Duration ttl, @Nullable Long maxEntries, @Nullable Long maxSize, long entries,
			@Nullable Long bytes, long hits, long misses, double hitRate, long evictions, long puts,
			@Nullable String persist, @Nullable Long storeEntries, @Nullable Long storeBytes, String refresh,
			long refreshes, long failedRefreshes, @Nullable Integer sessions, Map<String, Long> writes,
			@Nullable Boolean invalidateOnEntityChange) implements OperationResponseBody {

		static CacheDescriptor of(CacheInfo info) {
			return new CacheDescriptor(info.name(), info.tier(), info.method(), info.codeHash(), info.ttl(),
					info.maxEntries(), info.maxSize(), info.entries(), info.bytes(), info.hits(), info.misses(),
					info.hitRate(), info.evictions(), info.puts(), info.persist(), info.storeEntries(),
					info.storeBytes(), info.refresh(), info.refreshes(), info.failedRefreshes(), info.sessions(),
					info.writes(), info.invalidateOnEntityChange());
		}

	}

}
