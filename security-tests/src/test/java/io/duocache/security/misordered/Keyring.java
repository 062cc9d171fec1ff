package io.duocache.security.misordered;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PostFilter;

import io.duocache.CacheResource;

/** A shared list of keys behind a post-filter: one instance that every caller's filter would change. */
public class Keyring {

	@PostFilter("filterObject.startsWith(authentication.name)")
	@CacheResource
	public List<String> keys() {
		return new ArrayList<>(List.of("alice-1", "bob-1"));
	}

}
