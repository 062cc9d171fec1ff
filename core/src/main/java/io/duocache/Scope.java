package io.duocache;

/**
 * Which callers share a cache.
 */
public enum Scope {

	/** Every caller in the application. */
	GLOBAL,

	/** One cache per HTTP session, dropped when the session ends; not supported yet (fails startup). */
	SESSION

}
