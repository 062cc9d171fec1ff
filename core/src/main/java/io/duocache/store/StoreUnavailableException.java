package io.duocache.store;

import org.jspecify.annotations.Nullable;

/**
 * A store did not answer in time, failed, or is being skipped after repeated failures; the call
 * goes on from memory and computation.
 */
public final class StoreUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what happened
	 * @param cause the underlying failure, if any
	 */
	public StoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
