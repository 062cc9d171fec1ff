package io.duocache;

/**
 * How an expired entry is computed again.
 */
public enum Refresh {

	/** The caller that finds the entry expired waits for the new value. */
	FOREGROUND,

	/**
	 * Between {@code ttl} and twice {@code ttl} a hit returns the old value at once and starts one
	 * background recomputation; needs a ttl.
	 */
	BACKGROUND

}
