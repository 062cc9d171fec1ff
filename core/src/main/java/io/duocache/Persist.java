package io.duocache;

/**
 * Where a {@link CacheData} cache keeps its entries besides memory.
 */
public enum Persist {

	/** The configured default ({@code duocache.data.persist}), else {@link #NONE}. */
	DEFAULT,

	/** Memory only. */
	NONE,

	/** Also on the local disk, surviving restarts. */
	DISK,

	/** Also in Redis, shared by every instance. */
	REDIS

}
