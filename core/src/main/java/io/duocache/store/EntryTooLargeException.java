package io.duocache.store;

/**
 * An entry larger than its store takes: it stays in memory only.
 */
public final class EntryTooLargeException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param cacheName the cache
	 * @param size the entry's size in bytes
	 * @param bound the largest size the store takes, and the property that sets it
	 */
	public EntryTooLargeException(String cacheName, long size, String bound) {
		super("An entry of cache '" + cacheName + "' has " + size + " bytes, more than " + bound
				+ "; it stays in memory only");
	}

}
