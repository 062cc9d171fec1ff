package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.StringUtils;

import io.duocache.tier.CacheCounters;

/**
 * The Spring write annotations of one method of one bean, carried out on the Duocache caches they
 * name (names of other caches are left to Spring): before the call for
 * {@code beforeInvocation = true}, after it returned otherwise, with Spring's expression root and
 * {@code #result}.
 */
final class WriteMethod {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final String writer;

	private final List<WriteOperation> operations;

	private final DeclaredCaches caches;

	private final BeanFactory beanFactory;

	private final ConversionService conversion;

	WriteMethod(String writer, List<WriteOperation> operations, DeclaredCaches caches, BeanFactory beanFactory,
			ConversionService conversion) {
		this.writer = writer;
		this.operations = List.copyOf(operations);
		this.caches = caches;
		this.beanFactory = beanFactory;
		this.conversion = conversion;
	}

	/** What the call does without the writes: the cached method, or the method itself. */
	@FunctionalInterface
	interface Call {

		@Nullable Object proceed() throws Throwable;

	}

	@Nullable Object invoke(MethodInvocation invocation, Call call) throws Throwable {
		for (WriteOperation operation : this.operations) {
			if (operation.beforeInvocation()) {
				write(operation, invocation, null, false);
			}
		}
		Object result = call.proceed();
		for (WriteOperation operation : this.operations) {
			if (!operation.beforeInvocation()) {
				write(operation, invocation, result, true);
			}
		}
		return result;
	}

	private void write(WriteOperation operation, MethodInvocation invocation, @Nullable Object result,
			boolean afterInvocation) {
		if (operation.cacheNames().stream().noneMatch(this.caches::declares)) {
			return;
		}
		MethodBasedEvaluationContext context = context(invocation, result, afterInvocation);
		if (!operation.applies(context)) {
			return;
		}
		Object key = null;
		boolean keyed = false;
		for (String cacheName : operation.cacheNames()) {
			DeclaredCaches.Target target = this.caches.get(cacheName);
			if (target == null) {
				continue;
			}
			if (operation.allEntries()) {
				CacheWriter.clear(target);
				continue;
			}
			if (!keyed) {
				key = key(operation, invocation, context);
				keyed = true;
			}
			@Nullable Object[] arguments = WriteKeys.arguments(key, target, this.conversion, this.writer,
					operation.annotation());
			if (operation.isPut()) {
				CacheWriter.put(target, arguments, result);
			}
			else {
				CacheWriter.evict(target, arguments, CacheCounters.EVICT);
			}
		}
	}

	private MethodBasedEvaluationContext context(MethodInvocation invocation, @Nullable Object result,
			boolean afterInvocation) {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		Method method = invocation.getMethod();
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new WriteRoot(method, invocation.getArguments(), (target != null) ? target : method, targetClass), method,
				invocation.getArguments(), PARAMETER_NAMES);
		context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		if (afterInvocation) {
			context.setVariable("result", (result instanceof Optional<?> optional) ? optional.orElse(null) : result);
		}
		return context;
	}

	private @Nullable Object key(WriteOperation operation, MethodInvocation invocation,
			MethodBasedEvaluationContext context) {
		if (operation.key() != null) {
			return operation.key().getValue(context);
		}
		if (StringUtils.hasText(operation.keyGenerator())) {
			Object target = invocation.getThis();
			return this.beanFactory.getBean(operation.keyGenerator(), KeyGenerator.class)
				.generate((target != null) ? target : invocation.getMethod(), invocation.getMethod(),
						invocation.getArguments());
		}
		return SimpleKeyGenerator.generateKey(invocation.getArguments());
	}

}
