package io.duocache.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;
import io.duocache.config.CacheSettings;

/**
 * A Caffeine cache in which each key is computed at most once at a time: the first caller runs the
 * computation outside any lock, later callers of the same key wait for it, other keys are never
 * blocked, and failures are handed to every waiter but never kept. Completed entries live in a
 * plain Caffeine cache (no future per entry); computations in progress live in a map of their own.
 *
 * @param <E> what an entry holds
 */
public abstract class SingleFlightCache<E> {

	private static final Log logger = LogFactory.getLog(SingleFlightCache.class);

	private final String name;

	private final CacheSettings settings;

	private final Cache<Object, E> cache;

	private final Flights<E> flights;

	/** This cache's counts, or for the cache of one HTTP session, its declaration's (set once, at creation). */
	private CacheCounters counters = new CacheCounters();

	/** For the registered cache of a {@code scope = SESSION} declaration, the caches of the sessions. */
	private @Nullable SessionCaches sessions;

	/** Counts invalidations, so a write beyond memory can tell that one happened while it ran. */
	private final AtomicLong invalidations = new AtomicLong();

	private volatile CacheObserver observer = CacheObserver.NONE;

	/** Refreshes stale entries in the background, or {@code null}; set once before the first call. */
	private @Nullable BackgroundRefresh<E> refresh;

	/**
	 * Creates the cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param builder a Caffeine builder the subclass has prepared (weigher, executor); this class
	 * adds expiry, the entry bound and the removal listener
	 */
	protected SingleFlightCache(String name, CacheSettings settings, Caffeine<Object, Object> builder) {
		this(name, settings, builder, settings.ttl(), false);
	}

	/**
	 * Creates the cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param builder a Caffeine builder the subclass has prepared (weigher, executor); this class
	 * adds expiry, the entry bound and the removal listener
	 * @param memoryTtl how long an entry stays in memory, or {@code null} for no expiry; shorter than
	 * the cache's ttl where memory copies of a shared store must be refreshed sooner
	 * @param entriesCarryExpiry whether some entries expire sooner than that (those read back from a
	 * store, see {@link #timeToLive}); others expire a fixed time after their write, the cheaper policy
	 */
	protected SingleFlightCache(String name, CacheSettings settings, Caffeine<Object, Object> builder,
			@Nullable Duration memoryTtl, boolean entriesCarryExpiry) {
		this.name = name;
		this.settings = settings;
		this.flights = new Flights<>(name);
		if (memoryTtl != null && entriesCarryExpiry) {
			builder.expireAfter(Expiry.<Object, E>writing((key, entry) -> timeToLive(entry, memoryTtl)))
				.scheduler(Scheduler.systemScheduler());
		}
		else if (memoryTtl != null) {
			builder.expireAfterWrite(memoryTtl).scheduler(Scheduler.systemScheduler());
		}
		this.cache = builder.<Object, E>removalListener((key, entry, cause) -> {
			if (cause.wasEvicted()) {
				this.counters.eviction();
			}
			if (key != null && entry != null) {
				onRemoval(key, entry, cause);
			}
		}).build();
	}

	/**
	 * Turns a freshly computed value into an entry; runs on the computing thread before the value
	 * is returned to it.
	 * @param key the entry's key
	 * @param value the computed value
	 * @return the entry to store
	 */
	protected abstract E toEntry(Object key, @Nullable Object value);

	/**
	 * Turns a stored entry into what a hit returns.
	 * @param entry the stored entry
	 * @return the value for the caller
	 */
	protected abstract @Nullable Object fromEntry(E entry);

	/**
	 * Returns how long an entry stays in memory once written: the memory ttl, or less for an entry
	 * whose expiry was fixed elsewhere (one read back from a store).
	 * @param entry the entry
	 * @param memoryTtl the cache's memory ttl
	 * @return the time to live of this entry
	 */
	protected Duration timeToLive(E entry, Duration memoryTtl) {
		return memoryTtl;
	}

	/**
	 * Returns whether a stored entry may be handed out; an invalid one is removed and computed again.
	 * @param entry the stored entry
	 * @return whether it is valid
	 */
	protected boolean isValid(E entry) {
		return true;
	}

	/**
	 * Returns an entry kept beyond memory for a key that memory missed, or {@code null}.
	 * @param key the key
	 * @return the entry and the value for the caller that read it, or {@code null} to compute
	 */
	protected @Nullable Loaded<E> loadFromStore(Object key) {
		return null;
	}

	/**
	 * Called after a computed entry was published to memory.
	 * @param key the key
	 * @param entry the entry
	 * @param invalidationsBefore what {@link #invalidatedSince} compares with: the count of
	 * invalidations before the entry was published
	 */
	protected void onPublished(Object key, E entry, long invalidationsBefore) {
	}

	/**
	 * Called when a computation failed, before its waiters are told.
	 * @param key the key
	 */
	protected void onFailed(Object key) {
	}

	/**
	 * Returns whether the key or the whole cache was invalidated after a point, so that what was
	 * written beyond memory meanwhile must be taken back: the invalidation wins.
	 * @param invalidationsBefore the count handed to {@link #onPublished}
	 * @return whether an invalidation happened since
	 */
	protected final boolean invalidatedSince(long invalidationsBefore) {
		return this.invalidations.get() != invalidationsBefore;
	}

	/**
	 * Called exactly once for every entry that leaves the cache.
	 * @param key the entry's key
	 * @param entry the entry
	 * @param cause why it left
	 */
	protected void onRemoval(Object key, E entry, RemovalCause cause) {
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
	 * The look-up of both kinds of call: a hit, another caller's computation to wait for, or a claim
	 * of the key and its computation. For an asynchronous call, what is returned is a future.
	 */
	private <A> @Nullable Object lookUp(Object key, Loader<A> loader, A argument, boolean async) throws Throwable {
		while (true) {
			E entry = validEntry(key);
			if (entry != null) {
				this.counters.hit();
				BackgroundRefresh<E> refresh = this.refresh;
				if (refresh != null) {
					refresh.refreshIfStale(key, entry, loader, argument, async);
				}
				return async ? CompletableFuture.completedFuture(fromEntry(entry)) : fromEntry(entry);
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
						return async ? computeAsync(key, mine, loader, argument)
								: computeSync(key, mine, loader, argument);
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
					this.counters.hit();
					return flight.handle((landed, failure) -> afterWait(key, landed, failure, loader, argument))
						.thenCompose((future) -> future);
				}
			}
			else {
				entry = this.flights.await(key, flight);
				if (entry != null) {
					this.counters.hit();
					return fromEntry(entry);
				}
			}
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
		this.cache.policy().expireAfterWrite().ifPresent((expiry) -> expiry.setExpiresAfter(staleAfter.multipliedBy(2)));
		this.refresh = new BackgroundRefresh<>(this, staleAfter, executor);
	}

	/**
	 * Returns when an entry's value was computed, for entries whose age memory cannot tell (those of
	 * a cache with a store, which expire on a time of their own); {@code null} means memory's own
	 * record of the write.
	 * @param entry the entry
	 * @return when its value was computed, or {@code null}
	 */
	protected @Nullable Instant writtenAt(E entry) {
		return null;
	}

	/**
	 * Decides, on the refreshing thread, who refreshes a stale entry: this instance computes (the
	 * default), another instance stored a newer entry to use, or another instance is computing it.
	 * A computation started here ends with {@link #onPublished} or {@link #onFailed}.
	 * @param key the key
	 * @param stale the entry to refresh
	 * @return what to do
	 */
	protected RefreshStart<E> startRefresh(Object key, E stale) {
		return RefreshStart.compute();
	}

	/**
	 * Returns whether hits on old entries refresh them in the background.
	 * @return whether the cache refreshes in the background
	 */
	public final boolean refreshesInBackground() {
		return this.refresh != null;
	}

	/** Returns how long ago memory stored a key's entry, where memory keeps track of it. */
	final Optional<Duration> ageInMemory(Object key) {
		return this.cache.policy().expireAfterWrite().flatMap((expiry) -> expiry.ageOf(key));
	}

	/** Puts a fresh entry in place of a stale one; one computed here is then written beyond memory. */
	final void replaceEntry(Object key, E stale, E fresh, boolean computedHere) {
		long invalidationsBefore = this.invalidations.get();
		if (this.cache.asMap().replace(key, stale, fresh)) {
			this.counters.put();
			this.counters.refreshed(true);
			if (computedHere) {
				onPublished(key, fresh, invalidationsBefore);
			}
			return;
		}
		onRemoval(key, fresh, RemovalCause.EXPLICIT);
		if (computedHere) {
			onFailed(key);
		}
	}

	/** What an asynchronous waiter gets once the computation it waited for has ended. */
	private <A> CompletableFuture<@Nullable Object> afterWait(Object key, @Nullable E landed,
			@Nullable Throwable failure, Loader<A> loader, A argument) {
		try {
			if (failure == null) {
				return CompletableFuture.completedFuture(fromEntry(landed));
			}
			Throwable cause = unwrap(failure);
			return (cause instanceof Flight.Retry) ? getAsync(key, loader, argument) : CompletableFuture.failedFuture(cause);
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Returns the stored entry of a key if it may be handed out; an invalid one is removed. */
	private @Nullable E validEntry(Object key) {
		E entry = this.cache.getIfPresent(key);
		if (entry != null && !isValid(entry)) {
			this.cache.asMap().remove(key, entry);
			return null;
		}
		return entry;
	}

	/**
	 * Handles the race in which another caller's computation finished between this caller's look-up
	 * and its claim of the key: the claim is given back and the caller reads the stored entry.
	 */
	private boolean landedMeanwhile(Object key, Flight<E> mine) {
		E landed = this.cache.getIfPresent(key);
		if (landed == null) {
			return false;
		}
		this.flights.end(key, mine);
		mine.complete(landed);
		return true;
	}

	private <A> @Nullable Object computeSync(Object key, Flight<E> flight, Loader<A> loader, A argument)
			throws Throwable {
		Loaded<E> loaded = loadFromStore(key);
		if (loaded != null) {
			land(key, flight, loaded.entry());
			this.counters.hit();
			return loaded.value();
		}
		this.counters.miss();
		CacheObserver observer = this.observer;
		Object token = observer.computeStarted();
		long start = System.nanoTime();
		Object value;
		try {
			value = loader.load(argument);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			observer.computeEnded(token, System.nanoTime() - start);
			throw ex;
		}
		observer.computeEnded(token, System.nanoTime() - start);
		publish(key, flight, value);
		return value;
	}

	private <A> CompletableFuture<@Nullable Object> computeAsync(Object key, Flight<E> flight, Loader<A> loader,
			A argument) throws Throwable {
		this.counters.miss();
		CacheObserver observer = this.observer;
		Object token = observer.computeStarted();
		long start = System.nanoTime();
		CompletionStage<?> stage;
		try {
			stage = (CompletionStage<?>) loader.load(argument);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			observer.computeEnded(token, System.nanoTime() - start);
			throw ex;
		}
		if (stage == null) {
			fail(key, flight, new DuocacheException("Cached method of cache '" + this.name + "' returned a null future"));
			observer.computeEnded(token, System.nanoTime() - start);
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				fail(key, flight, unwrap(failure));
				observer.computeEnded(token, System.nanoTime() - start);
				result.completeExceptionally(failure);
				return;
			}
			try {
				publish(key, flight, value);
				result.complete(value);
			}
			catch (Throwable ex) {
				fail(key, flight, ex);
				result.completeExceptionally(ex);
			}
			finally {
				observer.computeEnded(token, System.nanoTime() - start);
			}
		});
		return result;
	}

	private void publish(Object key, Flight<E> flight, @Nullable Object value) {
		E entry;
		try {
			entry = toEntry(key, value);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			throw ex;
		}
		long invalidationsBefore = this.invalidations.get();
		if (land(key, flight, entry)) {
			this.counters.put();
			onPublished(key, entry, invalidationsBefore);
		}
	}

	/**
	 * Stores the entry and wakes the waiters. The entry is stored only while the flight is still the
	 * key's computation, checked and stored under the flight map's lock on that key, so an
	 * invalidation that removed the flight always wins: the entry is then handed to the waiters and
	 * released as if it had been removed.
	 * @return whether the entry was stored
	 */
	private boolean land(Object key, Flight<E> flight, E entry) {
		boolean stored = this.flights.endWith(key, flight, () -> this.cache.put(key, entry));
		flight.complete(entry);
		if (!stored) {
			onRemoval(key, entry, RemovalCause.EXPLICIT);
		}
		return stored;
	}

	/**
	 * Ends a failed computation. Waiters get the failure; an interrupted computation is not theirs
	 * to fail, so they compute again instead.
	 */
	private void fail(Object key, Flight<E> flight, Throwable failure) {
		this.flights.end(key, flight);
		onFailed(key);
		flight.completeExceptionally((failure instanceof InterruptedException) ? Flight.Retry.INSTANCE : failure);
	}

	static Throwable unwrap(Throwable failure) {
		if ((failure instanceof CompletionException || failure instanceof ExecutionException)
				&& failure.getCause() != null) {
			return failure.getCause();
		}
		return failure;
	}

	/**
	 * Removes one entry; a missing entry is a no-op. A computation of that key still running is not
	 * stored when it ends.
	 * @param key the key
	 */
	public void invalidate(Object key) {
		if (this.sessions != null) {
			this.sessions.forEach((session) -> session.invalidate(key));
		}
		this.invalidations.incrementAndGet();
		this.flights.forget(key);
		this.cache.invalidate(key);
	}

	/**
	 * Removes every entry; computations still running are not stored when they end.
	 */
	public void invalidateAll() {
		if (this.sessions != null) {
			this.sessions.forEach(SingleFlightCache::invalidateAll);
		}
		this.invalidations.incrementAndGet();
		this.flights.forgetAll();
		this.cache.invalidateAll();
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
		this.cache.invalidateAll();
	}

	/**
	 * Drops one entry from memory only, leaving what a store keeps: another instance removed it from
	 * the store already. A computation of that key still running is not stored when it ends.
	 * @param key the key
	 */
	public final void releaseKey(Object key) {
		this.flights.forget(key);
		this.cache.invalidate(key);
	}

	/**
	 * Removes one entry and says whether there was one.
	 * @param key the key
	 * @return whether an entry was removed
	 */
	public final boolean invalidateIfPresent(Object key) {
		boolean present = this.cache.getIfPresent(key) != null;
		invalidate(key);
		return present;
	}

	/**
	 * Removes every entry and says whether there was any.
	 * @return whether any entry was removed
	 */
	public final boolean invalidateAllIfAny() {
		boolean any = (this.sessions != null) ? estimatedSize() > 0 : !this.cache.asMap().isEmpty();
		invalidateAll();
		return any;
	}

	/**
	 * Stores a value under a key as if it had been computed, replacing what was there.
	 * @param key the key
	 * @param value the value
	 */
	public void put(Object key, @Nullable Object value) {
		E entry = toEntry(key, value);
		this.cache.put(key, entry);
		this.counters.put();
	}

	/**
	 * Stores a value under a key unless an entry is there, atomically: of callers racing on one key,
	 * exactly one stores its value.
	 * @param key the key
	 * @param value the value
	 * @return what a hit on the entry already there returns, or {@code null} when this value was stored
	 */
	public final @Nullable Present putIfAbsent(Object key, @Nullable Object value) {
		Object[] stored = new Object[1];
		E current = this.cache.asMap().computeIfAbsent(key, (absent) -> {
			E entry = toEntry(absent, value);
			stored[0] = entry;
			return entry;
		});
		if (current == stored[0]) {
			this.counters.put();
			return null;
		}
		this.counters.hit();
		return new Present(fromEntry(current));
	}

	/**
	 * Returns what a hit on the key returns, without computing on a miss.
	 * @param key the key
	 * @return the value holder, or {@code null} when absent, still computing, or invalid
	 */
	public @Nullable Present lookup(Object key) {
		E entry = this.cache.getIfPresent(key);
		if (entry == null) {
			return null;
		}
		if (!isValid(entry)) {
			this.cache.asMap().remove(key, entry);
			return null;
		}
		this.counters.hit();
		return new Present(fromEntry(entry));
	}

	/**
	 * Counts a lookup that found nothing, for callers that compute outside this class.
	 */
	public void recordMiss() {
		this.counters.miss();
	}

	/**
	 * Runs pending maintenance: expiry, eviction and their removal notifications.
	 */
	public void cleanUp() {
		this.cache.cleanUp();
	}

	/**
	 * Returns the cache name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the resolved bounds.
	 * @return the settings
	 */
	public CacheSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the approximate number of stored entries.
	 * @return the entry count
	 */
	public long estimatedSize() {
		SessionCaches perSession = this.sessions;
		return (perSession != null) ? perSession.sum(SingleFlightCache::estimatedSize) : this.cache.estimatedSize();
	}

	/**
	 * Returns, for the cache of a {@code scope = SESSION} declaration, the caches of the sessions.
	 * @return the sessions' caches, or {@code null} for a cache shared by every caller
	 */
	public final @Nullable SessionCaches sessions() {
		return this.sessions;
	}

	/** Makes this cache stand for the caches of the sessions: what it reports and clears covers them. */
	final void standFor(SessionCaches sessions) {
		this.sessions = sessions;
	}

	/** Makes the cache of one session count into the cache that stands for all sessions. */
	final void countInto(SingleFlightCache<?> declared) {
		this.counters = declared.counters;
		this.observer = declared.observer;
	}

	/**
	 * Returns the observer of this cache.
	 * @return the observer
	 */
	protected final CacheObserver observer() {
		return this.observer;
	}

	void observeWith(CacheObserver observer) {
		this.observer = observer;
	}

	/**
	 * Returns the counters.
	 * @return the counters
	 */
	public CacheCounters counters() {
		return this.counters;
	}

	/**
	 * An entry read back from beyond memory, with the value that reading it produced: a value no one
	 * else holds, so the caller that read it gets it without a further copy.
	 *
	 * @param <E> what an entry holds
	 * @param entry the entry to keep in memory
	 * @param value the value for the caller that read it
	 */
	public record Loaded<E>(E entry, @Nullable Object value) {
	}

	/**
	 * Who refreshes a stale entry, see {@link #startRefresh}.
	 *
	 * @param <E> what an entry holds
	 * @param computes whether this instance computes the value again
	 * @param newer an entry to use instead, stored by another instance, or {@code null}
	 */
	public record RefreshStart<E>(boolean computes, @Nullable E newer) {

		/**
		 * This instance computes.
		 * @param <E> what an entry holds
		 * @return the decision
		 */
		public static <E> RefreshStart<E> compute() {
			return new RefreshStart<>(true, null);
		}

		/**
		 * Another instance computes; this one keeps its entry meanwhile.
		 * @param <E> what an entry holds
		 * @return the decision
		 */
		public static <E> RefreshStart<E> elsewhere() {
			return new RefreshStart<>(false, null);
		}

		/**
		 * Uses an entry another instance stored.
		 * @param <E> what an entry holds
		 * @param newer the entry
		 * @return the decision
		 */
		public static <E> RefreshStart<E> use(E newer) {
			return new RefreshStart<>(false, newer);
		}

	}

	/**
	 * A value found by {@link #lookup}, which may be {@code null}.
	 *
	 * @param value the value
	 */
	public record Present(@Nullable Object value) {
	}

	/**
	 * The work a cache runs on a miss, given what it needs as an argument.
	 *
	 * @param <A> the argument type
	 */
	@FunctionalInterface
	public interface Loader<A> {

		/**
		 * Computes the value.
		 * @param argument what the computation needs
		 * @return the value, which may be {@code null}
		 * @throws Throwable whatever the computation throws; it is never cached
		 */
		@Nullable Object load(A argument) throws Throwable;

		/**
		 * Returns an argument that can be loaded later on another thread, after the call that
		 * passed {@code argument} has returned (for a background refresh).
		 * @param argument what the computation needs
		 * @return an argument of its own
		 */
		default A detach(A argument) {
			return argument;
		}

	}

}
