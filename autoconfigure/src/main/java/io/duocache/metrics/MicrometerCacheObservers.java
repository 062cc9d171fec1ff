package io.duocache.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.duocache.data.DataCache;
import io.duocache.data.StoreCounters;
import io.duocache.store.EntryStore;
import io.duocache.tier.CacheCounters;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.SingleFlightCache;
import io.duocache.config.Tier;

/**
 * Registers the meters of every Duocache cache, including caches created long after startup: the
 * standard cache meters ({@code cache.gets}, {@code cache.puts}, {@code cache.evictions},
 * {@code cache.size}) tagged {@code cache} and {@code cache.manager}, plus {@code duocache.compute},
 * {@code duocache.compute.active}, {@code duocache.copy}, {@code duocache.bytes} and
 * {@code duocache.store.errors}. Where the application has an {@link ObservationRegistry}, each
 * computation is a {@code duocache.compute} observation and each read or write of the store behind
 * memory a {@code duocache.store.read} / {@code duocache.store.write} one; the computation timers then
 * come from the observations.
 */
public final class MicrometerCacheObservers implements CacheObserver.Factory, SmartInitializingSingleton {

	private static final String STORE_READ = "duocache.store.read";

	private static final String STORE_WRITE = "duocache.store.write";

	private static final String GETS_DESCRIPTION = "The number of times cache lookup methods have returned a cached "
			+ "(hit) or computed (miss) value.";

	private final ObjectProvider<MeterRegistry> registry;

	private final List<MeterObserver> observers = new CopyOnWriteArrayList<>();

	private volatile boolean started;

	private final ObjectProvider<ObservationRegistry> observations;

	/**
	 * Creates the factory.
	 * @param registry the meter registry, resolved once the application has started
	 * @param observations the observation registry (Boot's tracing), resolved once the application has
	 * started; each computation is then a {@code duocache.compute} observation
	 */
	public MicrometerCacheObservers(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<ObservationRegistry> observations) {
		this.registry = registry;
		this.observations = observations;
	}

	@Override
	public CacheObserver create(SingleFlightCache<?> cache, Tier tier) {
		MeterObserver observer = new MeterObserver(cache, tier);
		this.observers.add(observer);
		if (this.started) {
			observer.bind();
		}
		return observer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.started = true;
		this.observers.forEach(MeterObserver::bind);
	}

	/** The meters of one cache, registered once a registry is available. */
	private final class MeterObserver implements CacheObserver {

		private final SingleFlightCache<?> cache;

		private volatile @Nullable Meters meters;

		private volatile @Nullable ObservationRegistry observations;

		/** {@code cacheData} or {@code cacheResource}, the {@code cache.manager} tag. */
		private final String manager;

		/** The names and tags of this cache's observations, made once; no store ones without a store. */
		private final KeyValues computeKeyValues;

		private final String computeName;

		private final @Nullable KeyValues storeKeyValues;

		private final String storeReadName;

		private final String storeWriteName;

		MeterObserver(SingleFlightCache<?> cache, Tier tier) {
			this.cache = cache;
			this.manager = (tier == Tier.DATA) ? "cacheData" : "cacheResource";
			this.computeKeyValues = KeyValues.of("cache", cache.name(), "cache.manager", this.manager, "tier",
					(tier == Tier.DATA) ? "data" : "resource");
			this.computeName = "duocache compute " + cache.name();
			this.storeKeyValues = (cache instanceof DataCache dataCache && dataCache.store() != EntryStore.NONE)
					? KeyValues.of("cache", cache.name(), "cache.manager", this.manager, "store", dataCache.store().name())
					: null;
			this.storeReadName = "duocache store read " + cache.name();
			this.storeWriteName = "duocache store write " + cache.name();
		}

		synchronized void bind() {
			if (this.meters != null) {
				return;
			}
			ObservationRegistry observations = MicrometerCacheObservers.this.observations.getIfUnique();
			if (observations != null && !observations.isNoop()) {
				this.observations = observations;
			}
			MeterRegistry registry = MicrometerCacheObservers.this.registry.getIfUnique();
			if (registry != null) {
				this.meters = register(registry, this.observations == null);
			}
		}

		/**
		 * Registers the cache's meters; the computation timers only when {@code timesComputations}:
		 * where computations are observations, the application's meter handler makes
		 * {@code duocache.compute} and {@code duocache.compute.active} from them, with their tags, and
		 * a second meter of the same name would count every miss twice.
		 */
		private Meters register(MeterRegistry registry, boolean timesComputations) {
			Tags tags = Tags.of("cache", this.cache.name(), "cache.manager", this.manager);
			CacheCounters counters = this.cache.counters();
			countByResult(registry, "cache.gets", GETS_DESCRIPTION, tags, counters, "hit", CacheCounters::hits, "miss",
					CacheCounters::misses);
			FunctionCounter.builder("cache.puts", counters, CacheCounters::puts)
				.tags(tags)
				.description("The number of entries added to the cache")
				.register(registry);
			FunctionCounter.builder("cache.evictions", counters, CacheCounters::evictions)
				.tags(tags)
				.description("The number of times the cache was evicted.")
				.register(registry);
			if (this.cache.sessions() != null) {
				Gauge.builder("duocache.sessions", this.cache.sessions(), SessionCaches::sessions)
					.tags(tags)
					.description("HTTP sessions that have entries in a cache kept per session.")
					.register(registry);
			}
			if (this.cache.refreshesInBackground()) {
				countByResult(registry, "duocache.refresh",
						"Background refreshes, by whether they replaced the value or failed and kept it.", tags, counters,
						"success", CacheCounters::refreshes, "failure", CacheCounters::failedRefreshes);
			}
			for (String operation : CacheCounters.WRITES) {
				FunctionCounter.builder("duocache.writes", counters, (written) -> written.writes(operation))
					.tags(tags.and("operation", operation))
					.description("Writes that Spring's @CacheEvict, @CachePut and @Caching made on the cache, "
							+ "counted when they took effect.")
					.register(registry);
			}
			Gauge.builder("cache.size", this.cache, SingleFlightCache::estimatedSize)
				.tags(tags)
				.description("The number of entries in this cache.")
				.register(registry);
			Timer copy = null;
			if (this.cache instanceof DataCache dataCache) {
				Gauge.builder("duocache.bytes", dataCache, DataCache::bytes)
					.tags(tags)
					.baseUnit("bytes")
					.description("Bytes held by the stored copies of a data cache.")
					.register(registry);
				if (dataCache.store() != EntryStore.NONE) {
					registerStoreMeters(registry, tags.and("store", dataCache.store().name()),
							dataCache.storeCounters());
				}
				FunctionCounter.builder("duocache.invalidations", counters, CacheCounters::entityInvalidations)
					.tags(tags.and("cause", "entity"))
					.description("Entries invalidated because a committed change reached a JPA entity they depend on.")
					.register(registry);
				copy = Timer.builder("duocache.copy")
					.tags(tags)
					.description("Time to produce a copy on a data hit.")
					.register(registry);
			}
			if (!timesComputations) {
				return new Meters(null, null, copy);
			}
			Timer compute = Timer.builder("duocache.compute")
				.tags(tags)
				.description("Time the cached method ran on a miss.")
				.register(registry);
			LongTaskTimer active = LongTaskTimer.builder("duocache.compute.active")
				.tags(tags)
				.description("Computations running now.")
				.register(registry);
			return new Meters(compute, active, copy);
		}

		private void registerStoreMeters(MeterRegistry registry, Tags tags, StoreCounters counters) {
			countByResult(registry, "duocache.store.gets", "Reads of the store behind memory after a memory miss.", tags,
					counters, "hit", StoreCounters::hits, "miss", StoreCounters::misses);
			for (String operation : StoreCounters.OPERATIONS) {
				FunctionCounter.builder("duocache.store.errors", counters, (counted) -> counted.errors(operation))
					.tags(tags)
					.tag("operation", operation)
					.description("Failures of the store behind memory, corrupt and rejected entries included.")
					.register(registry);
			}
			FunctionCounter.builder("duocache.store.unknown-key", counters, StoreCounters::unknownKeys)
				.tags(tags)
				.description("Entries of the store sealed with a signing key this instance does not know (another "
						+ "instance's newer key, or an earlier format), read as misses and left in place.")
				.register(registry);
		}

		/** Registers one counter of a meter for each of two results, tagged {@code result}. */
		private static <T> void countByResult(MeterRegistry registry, String name, String description, Tags tags,
				T source, String first, ToDoubleFunction<T> firstCount, String second, ToDoubleFunction<T> secondCount) {
			FunctionCounter.builder(name, source, firstCount)
				.tags(tags)
				.tag("result", first)
				.description(description)
				.register(registry);
			FunctionCounter.builder(name, source, secondCount)
				.tags(tags)
				.tag("result", second)
				.description(description)
				.register(registry);
		}

		private @Nullable Meters meters() {
			Meters current = this.meters;
			if (current == null && MicrometerCacheObservers.this.started) {
				bind();
				current = this.meters;
			}
			return current;
		}

		@Override
		public @Nullable Object computeStarted(boolean async) {
			Meters current = meters();
			LongTaskTimer.Sample active = (current != null && current.active() != null) ? current.active().start() : null;
			ObservationRegistry observations = this.observations;
			if (observations == null) {
				return active;
			}
			Observation observation = Observation.createNotStarted("duocache.compute", observations)
				.contextualName(this.computeName)
				.lowCardinalityKeyValues(this.computeKeyValues)
				.start();
			// A synchronous computation runs on this thread until it ends: what it does (SQL, HTTP) is
			// observed inside this observation. A future may complete anywhere, so no scope is kept open.
			return new Computing(active, observation, async ? null : observation.openScope());
		}

		@Override
		public void computeEnded(@Nullable Object token, long nanos) {
			ended(token, nanos, null);
		}

		@Override
		public void computeFailed(@Nullable Object token, long nanos, Throwable failure) {
			ended(token, nanos, failure);
		}

		private void ended(@Nullable Object token, long nanos, @Nullable Throwable failure) {
			LongTaskTimer.Sample active = (token instanceof Computing computing) ? computing.active()
					: (token instanceof LongTaskTimer.Sample sample) ? sample : null;
			if (active != null) {
				active.stop();
			}
			if (token instanceof Computing computing) {
				if (computing.scope() != null) {
					computing.scope().close();
				}
				computing.observation().lowCardinalityKeyValue("result", (failure != null) ? "error" : "success");
				if (failure != null) {
					computing.observation().error(failure);
				}
				computing.observation().stop();
			}
			Meters current = meters();
			if (current != null && current.compute() != null) {
				current.compute().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public @Nullable Object storeStarted(String operation) {
			ObservationRegistry observations = this.observations;
			if (observations == null || this.storeKeyValues == null) {
				return null;
			}
			boolean read = operation.equals(StoreCounters.READ);
			Observation observation = Observation
				.createNotStarted(read ? STORE_READ : STORE_WRITE, observations)
				.contextualName(read ? this.storeReadName : this.storeWriteName)
				.lowCardinalityKeyValues(this.storeKeyValues)
				.start();
			return new StoreCall(observation, observation.openScope());
		}

		@Override
		public void storeEnded(@Nullable Object token, String result, @Nullable Throwable failure) {
			if (token instanceof StoreCall call) {
				call.scope().close();
				call.observation().lowCardinalityKeyValue("result", result);
				if (failure != null) {
					call.observation().error(failure);
				}
				call.observation().stop();
			}
		}

		@Override
		public void copied(long nanos) {
			Meters current = meters();
			if (current != null && current.copy() != null) {
				current.copy().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
		}

	}

	private record Meters(@Nullable Timer compute, @Nullable LongTaskTimer active, @Nullable Timer copy) {
	}

	/** A store read or write in progress: its observation and the scope it runs in. */
	private record StoreCall(Observation observation, Observation.Scope scope) {
	}

	/** A computation in progress: its long-task sample, its observation and, if synchronous, its scope. */
	private record Computing(LongTaskTimer.@Nullable Sample active, Observation observation,
			Observation.@Nullable Scope scope) {
	}

}
