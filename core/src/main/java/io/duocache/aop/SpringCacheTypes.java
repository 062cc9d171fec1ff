package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import io.duocache.data.DataCaches;

/**
 * Learns, from the {@code @Cacheable} and {@code @CachePut} methods that name the data manager, the
 * type each data cache used through Spring's API holds, so its copies are read back as that type.
 * Each class is looked at once.
 */
final class SpringCacheTypes {

	static final String DATA_MANAGER = "cacheDataManager";

	private final AnnotationCacheOperationSource operations = new AnnotationCacheOperationSource(false);

	private final Map<Class<?>, Boolean> seen = new ConcurrentHashMap<>();

	void declare(Class<?> userClass, Supplier<DataCaches> caches) {
		if (this.seen.putIfAbsent(userClass, Boolean.TRUE) != null || !this.operations.isCandidateClass(userClass)) {
			return;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			Collection<CacheOperation> found = this.operations.getCacheOperations(method, userClass);
			if (found == null) {
				continue;
			}
			for (CacheOperation operation : found) {
				boolean storesValues = operation instanceof CacheableOperation || operation instanceof CachePutOperation;
				if (storesValues && DATA_MANAGER.equals(operation.getCacheManager())) {
					DataCaches dataCaches = caches.get();
					ResolvableType valueType = valueType(ResolvableType.forMethodReturnType(method, userClass));
					operation.getCacheNames()
						.forEach((name) -> dataCaches.declareSpringCacheType(name, CachedMethodFactory
							.javaType(valueType, dataCaches.codec().mapper().getTypeFactory())));
				}
			}
		}
	}

	/**
	 * Returns the type Spring caches for a return type: the value of a future, a {@code Mono} or an
	 * optional, the list of a {@code Flux}'s elements.
	 */
	private static ResolvableType valueType(ResolvableType returnType) {
		Class<?> raw = returnType.toClass();
		ReturnKind kind = ReturnKind.of(raw);
		if (kind != ReturnKind.VALUE) {
			return kind.cachedType(returnType);
		}
		if (raw == Optional.class) {
			return returnType.getGeneric(0);
		}
		return returnType;
	}

}
