package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.util.ReflectionUtils;

/**
 * Finds Spring's write annotations ({@code @CacheEvict}, {@code @CachePut}, in {@code @Caching},
 * with {@code @CacheConfig}'s names) on a class or interface, where Spring's own cache support finds
 * them. Each type is looked at once.
 */
final class SpringWrites {

	private final AnnotationCacheOperationSource operations = new AnnotationCacheOperationSource(false);

	private final Map<Class<?>, Map<Method, List<WriteOperation>>> byType = new ConcurrentHashMap<>();

	/**
	 * Returns the write operations of a type's methods.
	 * @param type a bean class or an interface its proxy implements
	 * @return the operations by method, empty when there are none
	 */
	Map<Method, List<WriteOperation>> of(Class<?> type) {
		return this.byType.computeIfAbsent(type, this::find);
	}

	private Map<Method, List<WriteOperation>> find(Class<?> type) {
		if (!this.operations.isCandidateClass(type)) {
			return Map.of();
		}
		Map<Method, List<WriteOperation>> found = new LinkedHashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			Collection<CacheOperation> declared = this.operations.getCacheOperations(method, type);
			if (declared == null) {
				continue;
			}
			List<WriteOperation> writes = declared.stream()
				.filter((operation) -> operation instanceof CacheEvictOperation || operation instanceof CachePutOperation)
				.map(WriteOperation::new)
				.toList();
			if (!writes.isEmpty()) {
				found.put(method, writes);
			}
		}
		return Map.copyOf(found);
	}

}
