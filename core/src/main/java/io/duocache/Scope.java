package io.duocache;

/**
 * Which callers share a cache.
 */
public enum Scope {

	/** Every caller in the application. */
	GLOBAL,

	/**
	 * One cache per HTTP session, with the cache's bounds, dropped (its resources released) when the
	 * session ends; for servlet web applications, called while a request is handled, kept in memory.
	 */
	SESSION

}
