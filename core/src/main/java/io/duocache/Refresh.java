package io.duocache;

/**
 * How an expired entry is computed again.
 */
public enum Refresh {

	/** The caller that finds the entry expired waits for the new value. */
	FOREGROUND,

	/**
	 * Between {@code ttl} and twice {@code ttl} a hit returns the old value at once and starts one
	 * background recomputation per key, on the application's task executor; the new value replaces
	 * the old when it lands (a replaced resource is released then), a failed recomputation keeps the
	 * old value and the next hit tries again, and past twice {@code ttl} a call computes and waits.
	 * With a disk or Redis store the new value is written through, and with Redis one instance
	 * refreshes a key for all. Needs a ttl.
	 */
	BACKGROUND

}
