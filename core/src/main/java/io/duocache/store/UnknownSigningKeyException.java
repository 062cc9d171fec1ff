package io.duocache.store;

/**
 * Thrown by a store for an entry sealed with a key this instance does not know: another instance's
 * newer signing key during a rotation, or an entry of an earlier format. The entry is read as a
 * miss, neither deleted nor taken for tampering.
 */
public class UnknownSigningKeyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message which entry
	 */
	public UnknownSigningKeyException(String message) {
		super(message);
	}

}
