package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;

/**
 * Routes calls of one bean's cached methods through their caches.
 */
final class DuocacheInterceptor implements MethodInterceptor {

	private final Class<?> targetClass;

	private final Map<Method, CachedMethod> methods;

	private final Map<Method, Optional<CachedMethod>> resolved = new ConcurrentHashMap<>();

	DuocacheInterceptor(Class<?> targetClass, Map<Method, CachedMethod> methods) {
		this.targetClass = targetClass;
		this.methods = Map.copyOf(methods);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		CachedMethod cached = find(invocation.getMethod());
		return (cached != null) ? cached.invoke(invocation) : invocation.proceed();
	}

	@Nullable CachedMethod find(Method method) {
		CachedMethod cached = this.methods.get(method);
		if (cached != null) {
			return cached;
		}
		return this.resolved
			.computeIfAbsent(method,
					(key) -> Optional.ofNullable(this.methods.get(AopUtils.getMostSpecificMethod(key, this.targetClass))))
			.orElse(null);
	}

	boolean matches(Method method) {
		return find(method) != null;
	}

}
