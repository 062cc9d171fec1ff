package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CachePutOperation;

/**
 * The operations Spring's cache interceptor sees, less the writes to Duocache's caches, which
 * Duocache carries out: the application's own cache manager never gets a cache of such a name.
 */
final class DuocacheOwnedWrites implements CacheOperationSource {

	private final CacheOperationSource delegate;

	private final DeclaredCaches caches;

	DuocacheOwnedWrites(CacheOperationSource delegate, DeclaredCaches caches) {
		this.delegate = delegate;
		this.caches = caches;
	}

	@Override
	public boolean isCandidateClass(Class<?> targetClass) {
		return this.delegate.isCandidateClass(targetClass);
	}

	@Override
	public @Nullable Collection<CacheOperation> getCacheOperations(Method method, @Nullable Class<?> targetClass) {
		Collection<CacheOperation> operations = this.delegate.getCacheOperations(method, targetClass);
		if (operations == null) {
			return null;
		}
		List<CacheOperation> kept = new ArrayList<>(operations.size());
		for (CacheOperation operation : operations) {
			if (!(operation instanceof CacheEvictOperation) && !(operation instanceof CachePutOperation)) {
				kept.add(operation);
				continue;
			}
			Set<String> others = new LinkedHashSet<>(operation.getCacheNames());
			others.removeIf(this.caches::declares);
			if (others.size() == operation.getCacheNames().size()) {
				kept.add(operation);
			}
			else if (!others.isEmpty()) {
				kept.add(withNames(operation, others));
			}
		}
		return kept.isEmpty() ? null : kept;
	}

	private static CacheOperation withNames(CacheOperation operation, Set<String> names) {
		CacheOperation.Builder builder;
		if (operation instanceof CacheEvictOperation evict) {
			CacheEvictOperation.Builder evictBuilder = new CacheEvictOperation.Builder();
			evictBuilder.setCacheWide(evict.isCacheWide());
			evictBuilder.setBeforeInvocation(evict.isBeforeInvocation());
			builder = evictBuilder;
		}
		else {
			CachePutOperation.Builder putBuilder = new CachePutOperation.Builder();
			putBuilder.setUnless(((CachePutOperation) operation).getUnless());
			builder = putBuilder;
		}
		builder.setName(operation.getName());
		builder.setCacheNames(names.toArray(String[]::new));
		builder.setKey(operation.getKey());
		builder.setKeyGenerator(operation.getKeyGenerator());
		builder.setCacheManager(operation.getCacheManager());
		builder.setCacheResolver(operation.getCacheResolver());
		builder.setCondition(operation.getCondition());
		return builder.build();
	}

}
