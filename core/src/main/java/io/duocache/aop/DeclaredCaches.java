package io.duocache.aop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

import io.duocache.tier.CacheRegistry;

/**
 * The caches that {@code @CacheData} and {@code @CacheResource} methods declare, by name, as their
 * beans are created: where Spring's write annotations that name them act.
 */
final class DeclaredCaches {

	private final Map<String, Target> byName = new ConcurrentHashMap<>();

	void add(CacheDeclaration declaration, CacheRegistry<?> registry) {
		this.byName.putIfAbsent(declaration.cacheName(), new Target(registry, declaration,
				KeyHashers.keyPositions(declaration.method()), ReturnKind.of(declaration.method())));
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
	 * A declared cache: its registry, the method that declares it, the positions of that method's
	 * parameters that are part of its key, and how it returns its value.
	 */
	record Target(CacheRegistry<?> registry, CacheDeclaration declaration, List<Integer> keyPositions,
			ReturnKind returnKind) {

		/**
		 * Returns a put's result as the value the cached method caches, or {@code null} when it is no
		 * such value (then the entry is removed instead): a value of its return type, wrapped in an
		 * {@code Optional} for a method that returns one.
		 */
		@Nullable Optional<Object> asCachedValue(@Nullable Object result) {
			if (this.returnKind != ReturnKind.VALUE) {
				return null;
			}
			Class<?> returnType = this.declaration.method().getReturnType();
			if (returnType == Optional.class) {
				return Optional.of((result instanceof Optional<?> optional) ? optional : Optional.ofNullable(result));
			}
			Object value = (result instanceof Optional<?> optional) ? optional.orElse(null) : result;
			boolean fits = (value == null) ? !returnType.isPrimitive()
					: ClassUtils.isAssignableValue(returnType, value);
			return fits ? Optional.ofNullable(value) : null;
		}

	}

}
