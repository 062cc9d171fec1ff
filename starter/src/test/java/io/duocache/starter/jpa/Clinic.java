package io.duocache.starter.jpa;

import java.util.List;

import io.duocache.CacheData;

/** A service interface whose implementation is proxied by Spring's transactions. */
public interface Clinic {

	@CacheData
	List<String> ownerNames();

	@CacheData
	Pet petWithInitializedType(long id);

}
