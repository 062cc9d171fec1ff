package io.duocache.data;

import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JavaType;

/**
 * The return types of the {@code @Cacheable} and {@code @CachePut} methods that name one cache used
 * through Spring's API. Methods are declared as their beans are created, which may be after the
 * cache was, so the cache reads them from here whenever it needs them.
 */
final class DeclaredTypes {

	private volatile List<JavaType> types = List.of();

	List<JavaType> types() {
		return this.types;
	}

	synchronized void add(JavaType type) {
		if (!this.types.contains(type)) {
			this.types = Stream.concat(this.types.stream(), Stream.of(type)).toList();
		}
	}

}
