package io.duocache.tier;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
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

	private final String name;

	private final CacheSettings settings;

	private final Cache<Object, E> cache;

	private final ConcurrentHashMap<Object, Flight<E>> flights = new ConcurrentHashMap<>();

	private final CacheCounters counters = new CacheCounters();

	private volatile CacheObserver observer = CacheObserver.NONE;

	/**
	 * Creates the cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param builder a Caffeine builder the subclass has prepared (weigher, executor); this class
	 * adds expiry, the entry bound and the removal listener
	 */
	protected SingleFlightCache(String name, CacheSettings settings, Caffeine<Object, Object> builder) {
		this.name = name;
		this.settings = settings;
		Duration ttl = settings.ttl();
		if (ttl != null) {
			builder.expireAfterWrite(ttl).scheduler(Scheduler.systemScheduler());
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
	 * @return the entry, or {@code null} to compute
	 */
	protected @Nullable E loadFromStore(Object key) {
		return null;
	}

	/**
	 * Called after a computed entry was published to memory.
	 * @param key the key
	 * @param entry the entry
	 */
	protected void onPublished(Object key, E entry) {
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
	@SuppressWarnings("unchecked")
	public final <A> @Nullable Object get(Object key, Loader<A> loader, A argument) throws Throwable {
		Object found = hitOrFlight(key);
		if (found instanceof Claim<?> claim) {
			return computeSync(key, (Flight<E>) claim.flight(), loader, argument);
		}
		E entry = (found instanceof Flight<?> flight) ? await((Flight<E>) flight) : (E) found;
		this.counters.hit();
		return fromEntry(entry);
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
		Object found = hitOrFlight(key);
		if (found instanceof Claim<?> claim) {
			return computeAsync(key, (Flight<E>) claim.flight(), loader, argument);
		}
		this.counters.hit();
		if (found instanceof Flight<?> flight) {
			return ((Flight<E>) flight).thenApply(this::fromEntry);
		}
		return CompletableFuture.completedFuture(fromEntry((E) found));
	}

	/**
	 * Returns a valid stored entry (a hit), another caller's computation of the key (to wait for),
	 * or a {@link Claim}: a computation this caller now owns and must run.
	 */
	private Object hitOrFlight(Object key) {
		while (true) {
			E entry = this.cache.getIfPresent(key);
			if (entry != null) {
				if (isValid(entry)) {
					return entry;
				}
				this.cache.asMap().remove(key, entry);
				continue;
			}
			Flight<E> flight = this.flights.get(key);
			if (flight != null) {
				return flight;
			}
			Flight<E> mine = new Flight<>();
			flight = this.flights.putIfAbsent(key, mine);
			if (flight != null) {
				return flight;
			}
			if (!landedMeanwhile(key, mine)) {
				return new Claim<>(mine);
			}
		}
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
		this.flights.remove(key, mine);
		mine.complete(landed);
		return true;
	}

	private <A> @Nullable Object computeSync(Object key, Flight<E> flight, Loader<A> loader, A argument)
			throws Throwable {
		E stored = loadFromStore(key);
		if (stored != null) {
			land(key, flight, stored);
			this.counters.hit();
			return fromEntry(stored);
		}
		this.counters.miss();
		CacheObserver observer = this.observer;
		Object token = observer.computeStarted();
		long start = System.nanoTime();
		try {
			Object value = loader.load(argument);
			observer.computeEnded(token, System.nanoTime() - start);
			publish(key, flight, value);
			return value;
		}
		catch (Throwable ex) {
			observer.computeEnded(token, System.nanoTime() - start);
			fail(key, flight, ex);
			throw ex;
		}
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
			observer.computeEnded(token, System.nanoTime() - start);
			fail(key, flight, ex);
			throw ex;
		}
		if (stage == null) {
			observer.computeEnded(token, System.nanoTime() - start);
			fail(key, flight, new DuocacheException("Cached method of cache '" + this.name + "' returned a null future"));
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			observer.computeEnded(token, System.nanoTime() - start);
			if (failure != null) {
				fail(key, flight, unwrap(failure));
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
		});
		return result;
	}

	private void publish(Object key, Flight<E> flight, @Nullable Object value) {
		E entry = toEntry(key, value);
		land(key, flight, entry);
		this.counters.put();
		onPublished(key, entry);
	}

	/** Stores the entry (unless the key was cleared meanwhile), then wakes the waiters. */
	private void land(Object key, Flight<E> flight, E entry) {
		if (!flight.discarded) {
			this.cache.put(key, entry);
		}
		this.flights.remove(key, flight);
		flight.complete(entry);
	}

	private void fail(Object key, Flight<E> flight, Throwable failure) {
		this.flights.remove(key, flight);
		flight.completeExceptionally(failure);
	}

	private E await(Flight<E> flight) throws Throwable {
		if (!flight.isDone() && flight.owner == Thread.currentThread()) {
			throw new DuocacheException("Recursive call with the same arguments in cache '" + this.name
					+ "': the call would wait for itself. To fix this, make the recursion reach a different "
					+ "argument before calling the cached method again.");
		}
		try {
			return flight.get();
		}
		catch (ExecutionException ex) {
			throw unwrap(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	private static Throwable unwrap(Throwable failure) {
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
		Flight<E> flight = this.flights.remove(key);
		if (flight != null) {
			flight.discarded = true;
		}
		this.cache.invalidate(key);
	}

	/**
	 * Removes every entry; computations still running are not stored when they end.
	 */
	public void invalidateAll() {
		this.flights.values().forEach((flight) -> flight.discarded = true);
		this.flights.clear();
		this.cache.invalidateAll();
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
		return this.cache.estimatedSize();
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

	}

	/** A computation that the caller who receives it must run. */
	private record Claim<E>(Flight<E> flight) {
	}

	/** A computation in progress, which knows its thread so a recursive wait can be refused. */
	private static final class Flight<E> extends CompletableFuture<E> {

		final Thread owner = Thread.currentThread();

		/** Set when the key is cleared while computing: the result is handed out but not stored. */
		volatile boolean discarded;

	}

}
