package io.duocache.data;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import io.duocache.config.CacheSettings;
import io.duocache.store.EntryStore;
import io.duocache.tier.BeyondMemory;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.SingleFlightCache;

/**
 * A data cache: values are stored as Smile bytes and every hit returns a fresh deep copy, or the
 * stored value itself when it is deeply immutable ({@link DataEntries}); with a store, memory misses
 * are read from it and computed entries written through ({@link StoreStep}).
 */
public final class DataCache extends SingleFlightCache<DataEntry> {

	private volatile boolean invalidatesOnEntityChange;

	private final @Nullable StoreStep storeStep;

	private final DataEntries entries;

	private final EntryStore store;

	private final StoreCounters storeCounters;

	/**
	 * Creates a data cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param codec the codec that copies values
	 * @param declaredType the type values are read back as; {@code null} or a vague type means each
	 * value's runtime class
	 * @param methodName the method as {@code SimpleClassName.methodName}, for messages
	 * @param store where entries are kept beyond memory
	 */
	public DataCache(String name, CacheSettings settings, DataCodec codec, @Nullable JavaType declaredType,
			String methodName, EntryStore store) {
		this(name, settings, new DataEntries(name, new ValueCodecs(codec, declaredType), methodName, false,
				settings.ttl(), store.memoryTtl()), store, new StoreCounters());
	}

	/**
	 * Creates a data cache used only through Spring's {@code Cache} API.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param codec the codec that copies values
	 * @param declaredTypes the return types of the {@code @Cacheable} and {@code @CachePut} methods
	 * that name the cache, as they are declared (none when no method does)
	 * @return the cache
	 */
	static DataCache forSpringApi(String name, CacheSettings settings, DataCodec codec,
			DeclaredTypes declaredTypes) {
		return new DataCache(name, settings,
				new DataEntries(name, new ValueCodecs(codec, declaredTypes::types), name, true, settings.ttl(), null),
				EntryStore.NONE, new StoreCounters());
	}

	private DataCache(String name, CacheSettings settings, DataEntries entries, EntryStore store,
			StoreCounters storeCounters) {
		this(name, settings, entries, store, storeCounters, beyondMemory(name, entries, store, storeCounters));
	}

	private DataCache(String name, CacheSettings settings, DataEntries entries, EntryStore store,
			StoreCounters storeCounters, BeyondMemory<DataEntry> beyond) {
		super(name, settings, builder(settings), entries, beyond, store.memoryTtl());
		this.entries = entries;
		this.store = store;
		this.storeCounters = storeCounters;
		this.storeStep = (beyond instanceof StoreStep step) ? step : null;
	}

	private static BeyondMemory<DataEntry> beyondMemory(String name, DataEntries entries, EntryStore store,
			StoreCounters counters) {
		return (store == EntryStore.NONE) ? BeyondMemory.none() : new StoreStep(name, store, entries, counters);
	}

	private static Caffeine<Object, Object> builder(CacheSettings settings) {
		// Removal notifications run on the thread that removes the entry, so the byte count is exact
		// as soon as clear() or an eviction returns.
		Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
		Long maxEntries = settings.maxEntries();
		if (settings.maxSize() != null) {
			long maxBytes = settings.maxSize().toBytes();
			long minimumWeight = (maxEntries != null && maxEntries > 0) ? Math.max(1, maxBytes / maxEntries) : 1;
			builder.maximumWeight(maxBytes)
				.weigher((key, entry) -> (int) Math.min(Integer.MAX_VALUE,
						Math.max(minimumWeight, ((DataEntry) entry).bytes().length)));
		}
		else if (maxEntries != null) {
			builder.maximumSize(maxEntries);
		}
		return builder;
	}

	/**
	 * Returns what was read from, and failed in, the store behind memory.
	 * @return the store counters
	 */
	public StoreCounters storeCounters() {
		return this.storeCounters;
	}

	/**
	 * Returns the bytes held by the stored copies.
	 * @return the byte count
	 */
	public long bytes() {
		SessionCaches perSession = sessions();
		return (perSession != null) ? perSession.sum((cache) -> ((DataCache) cache).bytes()) : this.entries.bytes();
	}

	/**
	 * Returns whether a committed change of a JPA entity an entry loaded invalidates it.
	 * @return whether the cache invalidates on entity changes
	 */
	public boolean invalidatesOnEntityChange() {
		return this.invalidatesOnEntityChange;
	}

	/**
	 * Makes the cache one whose entries a committed change of a JPA entity they depend on invalidates.
	 * @param dependencies where the entries' dependencies are recorded
	 */
	public void invalidateOnEntityChange(EntityDependencies dependencies) {
		this.invalidatesOnEntityChange = true;
		if (this.storeStep != null) {
			this.storeStep.storeDependencies(dependencies, this);
		}
		dependencies.track(this);
	}

	/**
	 * Returns where entries are kept beyond memory.
	 * @return the store
	 */
	public EntryStore store() {
		return this.store;
	}

}
