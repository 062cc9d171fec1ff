package io.duocache;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception that Duocache throws.
 */
public class DuocacheException extends RuntimeException {

	/**
	 * Creates an exception with a message.
	 * @param message what happened, where, and how to fix it
	 */
	public DuocacheException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what happened, where, and how to fix it
	 * @param cause the underlying failure
	 */
	public DuocacheException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
