package io.duocache.tier;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;

/**
 * The compute step: runs the method for a key its caller claimed, outside any lock; turns the value
 * into an entry, lands it in memory and wakes the waiters, then hands it beyond memory to be written
 * through. A failure is handed to every waiter and never kept.
 *
 * @param <E> what an entry holds
 */
final class ComputeStep<E> {

	private final String cacheName;

	private final MemoryStep<E> memory;

	private final Flights<E> flights;

	private final Entries<E> entries;

	private final BeyondMemory<E> beyond;

	private final Meters meters;

	ComputeStep(String cacheName, MemoryStep<E> memory, Flights<E> flights, Entries<E> entries,
			BeyondMemory<E> beyond, Meters meters) {
		this.cacheName = cacheName;
		this.memory = memory;
		this.flights = flights;
		this.entries = entries;
		this.beyond = beyond;
		this.meters = meters;
	}

	<A> @Nullable Object sync(Object key, Flight<E> flight, Loader<A> loader, A argument) throws Throwable {
		this.meters.counters.miss();
		CacheObserver observer = this.meters.observer;
		Object token = observer.computeStarted(false);
		long start = System.nanoTime();
		Object value;
		try {
			value = loader.load(argument);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			observer.computeFailed(token, System.nanoTime() - start, ex);
			throw ex;
		}
		observer.computeEnded(token, System.nanoTime() - start);
		publish(key, flight, value);
		return value;
	}

	<A> CompletableFuture<@Nullable Object> async(Object key, Flight<E> flight, Loader<A> loader, A argument)
			throws Throwable {
		this.meters.counters.miss();
		CacheObserver observer = this.meters.observer;
		Object token = observer.computeStarted(true);
		long start = System.nanoTime();
		CompletionStage<?> stage;
		try {
			stage = (CompletionStage<?>) loader.load(argument);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			observer.computeFailed(token, System.nanoTime() - start, ex);
			throw ex;
		}
		if (stage == null) {
			DuocacheException failure = new DuocacheException(
					"Cached method of cache '" + this.cacheName + "' returned a null future");
			fail(key, flight, failure);
			observer.computeFailed(token, System.nanoTime() - start, failure);
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				fail(key, flight, Flight.unwrap(failure));
				observer.computeFailed(token, System.nanoTime() - start, Flight.unwrap(failure));
				result.completeExceptionally(failure);
				return;
			}
			try {
				publish(key, flight, value);
				observer.computeEnded(token, System.nanoTime() - start);
				result.complete(value);
			}
			catch (Throwable ex) {
				fail(key, flight, ex);
				observer.computeFailed(token, System.nanoTime() - start, ex);
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private void publish(Object key, Flight<E> flight, @Nullable Object value) {
		E entry;
		try {
			entry = this.entries.toEntry(key, value);
		}
		catch (Throwable ex) {
			fail(key, flight, ex);
			throw ex;
		}
		long invalidationsBefore = this.memory.invalidations();
		if (land(key, flight, entry)) {
			this.meters.counters.put();
			this.beyond.published(key, entry, () -> this.memory.invalidatedSince(invalidationsBefore));
		}
	}

	/**
	 * Stores the entry and wakes the waiters. The entry is stored only while the flight is still the
	 * key's computation, checked and stored under the flight map's lock on that key, so an
	 * invalidation that removed the flight always wins: the entry is then handed to the waiters and
	 * released as if it had been removed.
	 * @return whether the entry was stored
	 */
	boolean land(Object key, Flight<E> flight, E entry) {
		boolean stored = this.flights.endWith(key, flight, () -> this.memory.put(key, entry));
		flight.complete(entry);
		if (!stored) {
			this.entries.released(key, entry);
		}
		return stored;
	}

	/**
	 * Ends a failed computation. Waiters get the failure; an interrupted computation is not theirs
	 * to fail, so they compute again instead.
	 */
	private void fail(Object key, Flight<E> flight, Throwable failure) {
		this.flights.end(key, flight);
		this.beyond.failed(key);
		flight.completeExceptionally((failure instanceof InterruptedException) ? Flight.Retry.INSTANCE : failure);
	}

}
