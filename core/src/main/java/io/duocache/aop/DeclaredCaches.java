package io.duocache.aop;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.duocache.tier.CacheRegistry;

/**
 * The caches that {@code @CacheData} and {@code @CacheResource} methods declare, by name, as their
 * beans are created: where Spring's write annotations that name them act.
 */
final class DeclaredCaches {

	private final Map<String, Target> byName = new ConcurrentHashMap<>();

	void add(CacheDeclaration declaration, CacheRegistry<?> registry) {
		this.byName.putIfAbsent(declaration.cacheName(),
				new Target(registry, declaration, KeyHashers.keyPositions(declaration.method())));
	}

	@Nullable Target get(String cacheName) {
		return this.byName.get(cacheName);
	}

	boolean declares(String cacheName) {
		return this.byName.containsKey(cacheName);
	}

	Set<String> names() {
		return new TreeSet<>(this.byName.keySet());
	}

	/**
	 * A declared cache: its registry, the method that declares it, and the positions of that method's
	 * parameters that are part of its key.
	 */
	record Target(CacheRegistry<?> registry, CacheDeclaration declaration, List<Integer> keyPositions) {
	}

}
