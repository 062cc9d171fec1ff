package io.duocache.sample.mutation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Service;

import io.duocache.CacheData;
import io.duocache.CacheResource;

/**
 * The same list cached both ways, to show what mutating a cached value does.
 */
@Service
public class Numbers {

	/**
	 * Returns [1, 2, 3] as data: every caller gets its own copy.
	 * @return a fresh copy of the list
	 */
	@CacheData
	public List<Integer> asData() {
		return new ArrayList<>(List.of(1, 2, 3));
	}

	/**
	 * Returns [1, 2, 3] as a resource: every caller gets the same instance.
	 * @return the shared list
	 */
	@CacheResource
	public List<Integer> asResource() {
		return Collections.synchronizedList(new ArrayList<>(List.of(1, 2, 3)));
	}

}
