package io.duocache.aop;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.StringUtils;

/**
 * One {@code @CacheEvict} or {@code @CachePut} of a method, its expressions parsed once.
 */
final class WriteOperation {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final CacheOperation operation;

	private final String annotation;

	private final boolean allEntries;

	private final boolean beforeInvocation;

	private final @Nullable Expression key;

	private final @Nullable Expression condition;

	private final @Nullable Expression unless;

	WriteOperation(CacheOperation operation) {
		this.operation = operation;
		CacheEvictOperation evict = (operation instanceof CacheEvictOperation e) ? e : null;
		this.annotation = (evict != null) ? "CacheEvict" : "CachePut";
		this.allEntries = evict != null && evict.isCacheWide();
		this.beforeInvocation = evict != null && evict.isBeforeInvocation();
		this.key = parse(operation.getKey());
		this.condition = parse(operation.getCondition());
		this.unless = (operation instanceof CachePutOperation put) ? parse(put.getUnless()) : null;
	}

	private static @Nullable Expression parse(@Nullable String expression) {
		return StringUtils.hasText(expression) ? PARSER.parseExpression(expression) : null;
	}

	Set<String> cacheNames() {
		return this.operation.getCacheNames();
	}

	String annotation() {
		return this.annotation;
	}

	boolean isPut() {
		return this.operation instanceof CachePutOperation;
	}

	boolean beforeInvocation() {
		return this.beforeInvocation;
	}

	boolean allEntries() {
		return this.allEntries;
	}

	@Nullable Expression key() {
		return this.key;
	}

	String keyGenerator() {
		return this.operation.getKeyGenerator();
	}

	/** Returns whether the write applies to this call: its condition holds and, for a put, not its unless. */
	boolean applies(EvaluationContext context) {
		if (this.condition != null && !Boolean.TRUE.equals(this.condition.getValue(context, Boolean.class))) {
			return false;
		}
		return this.unless == null || !Boolean.TRUE.equals(this.unless.getValue(context, Boolean.class));
	}

}
