package io.duocache.tier;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A computation in progress, which knows its thread so a recursive wait can be refused and
 * whether that thread left it without ending it.
 *
 * @param <E> what an entry holds
 */
final class Flight<E> extends CompletableFuture<E> {

	final Thread owner = Thread.currentThread();

	/** Whether the owner hands out a future instead of waiting for the value itself. */
	final boolean async;

	volatile boolean ownerLeft;

	/** Written under the flight map's lock on the key, read by the same thread after it. */
	boolean stored;

	Flight(boolean async) {
		this.async = async;
	}

	/** Returns the failure a future or a computation wraps. */
	static Throwable unwrap(Throwable failure) {
		if ((failure instanceof CompletionException || failure instanceof ExecutionException)
				&& failure.getCause() != null) {
			return failure.getCause();
		}
		return failure;
	}

	/** Tells waiters to look again and compute if need be, instead of failing. */
	static final class Retry extends RuntimeException {

		static final Retry INSTANCE = new Retry();

		private Retry() {
			super("computation ended without a value for its waiters", null, false, false);
		}

	}

}
