package io.duocache.store;

/**
 * An entry that a store holds but that does not read back exactly: truncated, changed, foreign, or
 * of another format version. It is never served: the entry is dropped and the call computes.
 */
public final class CorruptEntryException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param reason what is wrong with the entry
	 */
	public CorruptEntryException(String reason) {
		super(reason);
	}

}
