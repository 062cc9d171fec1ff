package io.duocache.config;

/**
 * The two kinds of cache.
 */
public enum Tier {

	/** Values stored as bytes and copied on every hit. */
	DATA,

	/** Shared instances, validated on hit and released when they leave. */
	RESOURCE

}
