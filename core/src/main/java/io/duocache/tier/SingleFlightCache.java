package io.duocache.tier;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.duocache.config.CacheSettings;

/**
 * One cache, as the chain of steps a look-up goes down: {@link MemoryStep memory} (a hit ends the
 * call), {@link Flights} (a computation of the key in progress is waited for, else the caller claims
 * the key), {@link BeyondMemory} (an entry kept in a store, or across instances the right to compute
 * it), and {@link ComputeStep compute} (the method runs outside any lock, its entry lands in memory
 * and is written through). Each key is computed at most once at a time; other keys are never
 * blocked. Around the chain: {@link BackgroundRefresh} for stale hits, {@link SessionCaches} for
 * {@code scope = SESSION}, {@link SpringCacheAdapter} for Spring's {@code Cache} contract. A tier
 * supplies what differs: its {@link Entries} and what it keeps beyond memory; its subclass only adds
 * what the tier reports.
 *
 * @param <E> what an entry holds
 */
public class SingleFlightCache<E> {

	private final String name;

	private final CacheSettings settings;

	private final Meters meters = new Meters();

	private final Entries<E> entries;

	private final MemoryStep<E> memory;

	private final Flights<E> flights;

	private final BeyondMemory<E> beyond;

	private final ComputeStep<E> compute;

	/** For the registered cache of a {@code scope = SESSION} declaration, the caches of the sessions. */
	private @Nullable SessionCaches sessions;

	/** Refreshes stale entries in the background, or {@code null}; set once before the first call. */
	private @Nullable BackgroundRefresh<E> refresh;

	/**
	 * Creates a cache with nothing beyond memory.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param builder a Caffeine builder the tier has prepared (weigher, executor); expiry, the entry
	 * bound and the removal listener are added here
	 * @param entries what the tier makes of values
	 */
	protected SingleFlightCache(String name, CacheSettings settings, Caffeine<Object, Object> builder,
			Entries<E> entries) {
		this(name, settings, builder, entries, BeyondMemory.none(), null);
	}

	/**
	 * Creates a cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param builder a Caffeine builder the tier has prepared (weigher, executor); expiry, the entry
	 * bound and the removal listener are added here
	 * @param entries what the tier makes of values
	 * @param beyond what the cache keeps beyond memory
	 * @param storeBound how long a memory copy of an entry kept beyond memory may live, or
	 * {@code null}; an entry read back from beyond memory that expires sooner is refused by the
	 * tier's {@link Entries#isValid}
	 */
	protected SingleFlightCache(String name, CacheSettings settings, Caffeine<Object, Object> builder,
			Entries<E> entries, BeyondMemory<E> beyond, @Nullable Duration storeBound) {
		this.name = name;
		this.settings = settings;
		this.entries = entries;
		this.beyond = beyond;
		this.memory = new MemoryStep<>(builder, entries, this.meters, settings.ttl(), storeBound);
		this.flights = new Flights<>(name);
		this.compute = new ComputeStep<>(name, this.memory, this.flights, entries, beyond, this.meters);
	}

	/**
	 * Returns the value for a key, computing it on a miss.
	 * @param key the key
	 * @param computation the work to run on a miss
	 * @return the computed value (to the computing caller) or the value made from the entry
	 * @throws Throwable what the computation threw, to every caller waiting on it
	 */
	public final @Nullable Object get(Object key, Computation computation) throws Throwable {
		return get(key, Computation::compute, computation);
	}

	/**
	 * Returns the value for a key, computing it on a miss with {@code loader.load(argument)}; unlike
	 * {@link #get(Object, Computation)}, a hit allocates nothing for the computation.
	 * @param <A> the type of the loader's argument
	 * @param key the key
	 * @param loader the work to run on a miss
	 * @param argument what the loader needs
	 * @return the computed value (to the computing caller) or the value made from the entry
	 * @throws Throwable what the computation threw, to every caller waiting on it
	 */
	public final <A> @Nullable Object get(Object key, Loader<A> loader, A argument) throws Throwable {
		return lookUp(key, loader, argument, false);
	}

	/**
	 * Returns the value for a key as a future, for methods that return {@link CompletableFuture}:
	 * the completed value is cached, a failed future is not.
	 * @param key the key
	 * @param computation the work to run on a miss; returns a {@link CompletionStage}
	 * @return a future of the value
	 * @throws Throwable what the computation threw before returning its future
	 */
	public final CompletableFuture<@Nullable Object> getAsync(Object key, Computation computation) throws Throwable {
		return getAsync(key, Computation::compute, computation);
	}

	/**
	 * Returns the value for a key as a future, computing it on a miss with {@code loader.load(argument)}.
	 * @param <A> the type of the loader's argument
	 * @param key the key
	 * @param loader the work to run on a miss; returns a {@link CompletionStage}
	 * @param argument what the loader needs
	 * @return a future of the value
	 * @throws Throwable what the computation threw before returning its future
	 */
	@SuppressWarnings("unchecked")
	public final <A> CompletableFuture<@Nullable Object> getAsync(Object key, Loader<A> loader, A argument)
			throws Throwable {
		return (CompletableFuture<@Nullable Object>) lookUp(key, loader, argument, true);
	}

	/**
	 * The chain, for both kinds of call: memory, then another caller's computation to wait for, then
	 * a claim of the key, what is kept beyond memory, and the computation. For an asynchronous call,
	 * what is returned is a future.
	 */
	private <A> @Nullable Object lookUp(Object key, Loader<A> loader, A argument, boolean async) throws Throwable {
		while (true) {
			E entry = this.memory.validEntry(key);
			if (entry != null) {
				return hit(key, entry, loader, argument, async);
			}
			Flight<E> flight = this.flights.current(key);
			if (flight == null) {
				Flight<E> mine = new Flight<>(async);
				try {
					flight = this.flights.claim(key, mine);
					if (flight == null) {
						if (landedMeanwhile(key, mine)) {
							continue;
						}
						return async ? this.compute.async(key, mine, loader, argument)
								: loadOrCompute(key, mine, loader, argument);
					}
				}
				catch (Throwable ex) {
					// Only a field store here: this runs even where the stack has no room left.
					mine.ownerLeft = true;
					throw ex;
				}
			}
			if (async) {
				if (!this.flights.abandoned(key, flight)) {
					this.meters.counters.hit();
					return flight.handle((landed, failure) -> afterWait(key, landed, failure, loader, argument))
						.thenCompose((future) -> future);
				}
			}
			else {
				entry = this.flights.await(key, flight);
				if (entry != null) {
					this.meters.counters.hit();
					return this.entries.fromEntry(entry, this.meters.observer);
				}
			}
		}
	}

	private <A> @Nullable Object hit(Object key, E entry, Loader<A> loader, A argument, boolean async) {
		this.meters.counters.hit();
		BackgroundRefresh<E> refresh = this.refresh;
		if (refresh != null) {
			refresh.refreshIfStale(key, entry, loader, argument, async);
		}
		Object value = this.entries.fromEntry(entry, this.meters.observer);
		return async ? CompletableFuture.completedFuture(value) : value;
	}

	/** A claimed key: read back from beyond memory, else computed. */
	private <A> @Nullable Object loadOrCompute(Object key, Flight<E> mine, Loader<A> loader, A argument)
			throws Throwable {
		Loaded<E> loaded = this.beyond.load(key);
		if (loaded == null) {
			return this.compute.sync(key, mine, loader, argument);
		}
		this.compute.land(key, mine, loaded.entry());
		this.meters.counters.hit();
		return loaded.value();
	}

	/**
	 * Handles the race in which another caller's computation finished between this caller's look-up
	 * and its claim of the key: the claim is given back and the caller reads the stored entry.
	 */
	private boolean landedMeanwhile(Object key, Flight<E> mine) {
		E landed = this.memory.entry(key);
		if (landed == null) {
			return false;
		}
		this.flights.end(key, mine);
		mine.complete(landed);
		return true;
	}

	/** What an asynchronous waiter gets once the computation it waited for has ended. */
	private <A> CompletableFuture<@Nullable Object> afterWait(Object key, @Nullable E landed,
			@Nullable Throwable failure, Loader<A> loader, A argument) {
		try {
			if (failure == null) {
				return CompletableFuture.completedFuture(this.entries.fromEntry(landed, this.meters.observer));
			}
			Throwable cause = Flight.unwrap(failure);
			return (cause instanceof Flight.Retry) ? getAsync(key, loader, argument) : CompletableFuture.failedFuture(cause);
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Makes hits on entries older than {@code staleAfter} return the entry at once and recompute it
	 * in the background, one refresh per key at a time; entries live twice as long as
	 * {@code staleAfter}, after which a call computes as on any miss. Called once, before any call.
	 * @param staleAfter the ttl: the age from which an entry is refreshed
	 * @param executor where refreshes run
	 */
	public final void refreshInBackground(Duration staleAfter, Executor executor) {
		this.memory.keepForRefresh(staleAfter);
		this.beyond.refreshesInBackground();
		this.refresh = new BackgroundRefresh<>(this.name, this.memory, this.entries, this.beyond, this.meters,
				staleAfter, executor);
	}

	/**
	 * Returns whether hits on old entries refresh them in the background.
	 * @return whether the cache refreshes in the background
	 */
	public final boolean refreshesInBackground() {
		return this.refresh != null;
	}

	/**
	 * Removes one entry, here and beyond memory; a missing entry is a no-op. A computation of that key
	 * still running is not stored when it ends.
	 * @param key the key
	 */
	public final void invalidate(Object key) {
		if (this.sessions != null) {
			this.sessions.forEach((session) -> session.invalidate(key));
		}
		this.memory.countInvalidation();
		this.flights.forget(key);
		this.memory.drop(key);
		this.beyond.removed(key);
	}

	/**
	 * Makes the computation of a key in progress end without storing its value, which its caller and
	 * its waiters still get: it read something that changed while it ran.
	 * @param key the key
	 */
	public final void discardComputation(Object key) {
		this.flights.forget(key);
	}

	/**
	 * Replaces one entry with a value computed elsewhere (a {@code @CachePut}'s result): the entry
	 * goes beyond memory, as {@link #invalidate} removes it, so every instance sharing a store computes
	 * it again, and this cache keeps the value. A computation of that key still running is not stored.
	 * @param key the key
	 * @param value the value, as the cached method would have returned it
	 */
	public final void replace(Object key, @Nullable Object value) {
		if (this.sessions != null) {
			// Each session computes its own entry: the value of one caller is no other session's.
			invalidate(key);
			return;
		}
		E entry = this.entries.toEntry(key, value);
		invalidate(key);
		this.memory.put(key, entry);
		this.meters.counters.put();
	}

	/**
	 * Removes every entry, here and beyond memory; computations still running are not stored when
	 * they end.
	 */
	public final void invalidateAll() {
		if (this.sessions != null) {
			this.sessions.forEach(SingleFlightCache::invalidateAll);
		}
		this.memory.countInvalidation();
		this.flights.forgetAll();
		this.memory.dropAll();
		this.beyond.cleared();
	}

	/**
	 * Drops every entry from memory only, as the application context closes: resources are released,
	 * and entries kept beyond memory stay there for the next start.
	 */
	public final void releaseAll() {
		if (this.sessions != null) {
			this.sessions.endAll();
		}
		this.flights.forgetAll();
		this.memory.dropAll();
	}

	/**
	 * Drops one entry from memory only, leaving what a store keeps: another instance removed it from
	 * the store already. A computation of that key still running is not stored when it ends.
	 * @param key the key
	 */
	public final void releaseKey(Object key) {
		this.flights.forget(key);
		this.memory.drop(key);
	}

	/**
	 * Removes one entry and says whether there was one.
	 * @param key the key
	 * @return whether an entry was removed
	 */
	public final boolean invalidateIfPresent(Object key) {
		boolean present = this.memory.entry(key) != null;
		invalidate(key);
		return present;
	}

	/**
	 * Removes every entry and says whether there was any.
	 * @return whether any entry was removed
	 */
	public final boolean invalidateAllIfAny() {
		boolean any = (this.sessions != null) ? estimatedSize() > 0 : !this.memory.isEmpty();
		invalidateAll();
		return any;
	}

	/**
	 * Returns what a hit on the key returns, from memory only, without computing on a miss.
	 * @param key the key
	 * @return the value holder, or {@code null} when absent, still computing, or invalid
	 */
	public final @Nullable Present lookup(Object key) {
		E entry = this.memory.validEntry(key);
		if (entry == null) {
			return null;
		}
		this.meters.counters.hit();
		return new Present(this.entries.fromEntry(entry, this.meters.observer));
	}

	/**
	 * Runs pending maintenance: expiry, eviction and their removal notifications.
	 */
	public final void cleanUp() {
		this.memory.cleanUp();
	}

	/**
	 * Returns the cache name.
	 * @return the name
	 */
	public final String name() {
		return this.name;
	}

	/**
	 * Returns the resolved bounds.
	 * @return the settings
	 */
	public final CacheSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the approximate number of stored entries.
	 * @return the entry count
	 */
	public final long estimatedSize() {
		SessionCaches perSession = this.sessions;
		return (perSession != null) ? perSession.sum(SingleFlightCache::estimatedSize) : this.memory.estimatedSize();
	}

	/**
	 * Returns, for the cache of a {@code scope = SESSION} declaration, the caches of the sessions.
	 * @return the sessions' caches, or {@code null} for a cache shared by every caller
	 */
	public final @Nullable SessionCaches sessions() {
		return this.sessions;
	}

	/**
	 * Returns the counters.
	 * @return the counters
	 */
	public final CacheCounters counters() {
		return this.meters.counters;
	}

	/** Makes this cache stand for the caches of the sessions: what it reports and clears covers them. */
	final void standFor(SessionCaches sessions) {
		this.sessions = sessions;
	}

	/** Makes the cache of one session count into the cache that stands for all sessions. */
	final void countInto(SingleFlightCache<?> declared) {
		this.meters.follow(declared.meters);
	}

	final void observeWith(CacheObserver observer) {
		this.meters.observer = observer;
		this.beyond.observeWith(observer);
	}

	final Meters meters() {
		return this.meters;
	}

	final Entries<E> entries() {
		return this.entries;
	}

	final MemoryStep<E> memory() {
		return this.memory;
	}

}
