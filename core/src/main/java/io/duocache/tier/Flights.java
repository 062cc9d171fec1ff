package io.duocache.tier;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;

/**
 * The computations in progress of one cache, at most one per key: a caller claims a key, the others
 * wait for its flight, and the flight ends when its entry lands, when it fails, or when an
 * invalidation forgets it (then its entry is never stored).
 *
 * @param <E> what an entry holds
 */
final class Flights<E> {

	/** How often a waiter looks whether the computation it waits for was abandoned. */
	private static final long ABANDONMENT_CHECK_MILLIS = 100;

	private final String cacheName;

	private final ConcurrentHashMap<Object, Flight<E>> inProgress = new ConcurrentHashMap<>();

	Flights(String cacheName) {
		this.cacheName = cacheName;
	}

	/** Returns the computation of a key in progress, or {@code null}. */
	@Nullable Flight<E> current(Object key) {
		return this.inProgress.get(key);
	}

	/** Claims a key for a computation; returns the one already in progress, or {@code null} when claimed. */
	@Nullable Flight<E> claim(Object key, Flight<E> mine) {
		return this.inProgress.putIfAbsent(key, mine);
	}

	/** Ends a key's computation if it is still this flight. */
	void end(Object key, Flight<E> flight) {
		this.inProgress.remove(key, flight);
	}

	/**
	 * Ends a key's computation and runs {@code store} under the map's lock on the key, only while the
	 * flight is still the key's computation, so an invalidation that forgot it always wins.
	 * @return whether {@code store} ran
	 */
	boolean endWith(Object key, Flight<E> flight, Runnable store) {
		this.inProgress.computeIfPresent(key, (ignored, current) -> {
			if (current != flight) {
				return current;
			}
			store.run();
			flight.stored = true;
			return null;
		});
		return flight.stored;
	}

	/** Forgets a key's computation: what it computes is handed to its waiters but not stored. */
	void forget(Object key) {
		this.inProgress.remove(key);
	}

	/** Forgets every computation in progress. */
	void forgetAll() {
		this.inProgress.clear();
	}

	/**
	 * Waits for another caller's computation of a key.
	 * @return its entry, or {@code null} when the caller should look again and compute if need be
	 */
	@Nullable E await(Object key, Flight<E> flight) throws Throwable {
		if (!flight.async && flight.owner == Thread.currentThread() && !flight.isDone() && !flight.ownerLeft) {
			throw new DuocacheException("Recursive call with the same arguments in cache '" + this.cacheName
					+ "': the call would wait for itself. To fix this, make the recursion reach a different "
					+ "argument before calling the cached method again.");
		}
		try {
			while (true) {
				if (abandoned(key, flight)) {
					return null;
				}
				try {
					return flight.get(ABANDONMENT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					// Look again whether the owner is still computing.
				}
			}
		}
		catch (ExecutionException ex) {
			Throwable cause = Flight.unwrap(ex);
			if (cause instanceof Flight.Retry) {
				return null;
			}
			throw cause;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DuocacheException("Interrupted while waiting for another caller's computation in cache '"
					+ this.cacheName + "'", ex);
		}
	}

	/**
	 * Returns whether a computation's owner left it without ending it (a failure that struck again
	 * while it was being handled, such as a second {@link StackOverflowError}); such a computation is
	 * removed and its waiters told to compute again.
	 */
	boolean abandoned(Object key, Flight<E> flight) {
		if (!flight.ownerLeft || flight.isDone()) {
			return false;
		}
		this.inProgress.remove(key, flight);
		flight.completeExceptionally(Flight.Retry.INSTANCE);
		return true;
	}

}
