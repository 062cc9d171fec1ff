package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

	/** The cached methods declared on interfaces, by name and parameter types, for calls through another declaration. */
	private final Map<String, CachedMethod> interfaceMethods = new HashMap<>();

	private final Map<Method, Optional<CachedMethod>> resolved = new ConcurrentHashMap<>();

	/** The Method instances seen so far; proxies pass the same instance on every call. */
	private volatile IdentityHashMap<Method, CachedMethod> seen = new IdentityHashMap<>();

	DuocacheInterceptor(Class<?> targetClass, Map<Method, CachedMethod> methods) {
		this.targetClass = targetClass;
		this.methods = Map.copyOf(methods);
		methods.forEach((method, cached) -> {
			if (method.getDeclaringClass().isInterface()) {
				this.interfaceMethods.putIfAbsent(signature(method), cached);
			}
		});
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.toString(method.getParameterTypes());
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		CachedMethod cached = find(invocation.getMethod());
		return (cached != null) ? cached.invoke(invocation) : invocation.proceed();
	}

	@Nullable CachedMethod find(Method method) {
		CachedMethod cached = this.seen.get(method);
		if (cached != null) {
			return cached;
		}
		cached = this.resolved.computeIfAbsent(method, this::resolve).orElse(null);
		if (cached != null) {
			remember(method, cached);
		}
		return cached;
	}

	private Optional<CachedMethod> resolve(Method method) {
		CachedMethod declared = this.methods.get(method);
		if (declared == null) {
			declared = this.methods.get(AopUtils.getMostSpecificMethod(method, this.targetClass));
		}
		if (declared == null && method.getDeclaringClass().isInterface()) {
			declared = this.interfaceMethods.get(signature(method));
		}
		return Optional.ofNullable(declared);
	}

	private synchronized void remember(Method method, CachedMethod cached) {
		if (this.seen.size() >= 4 * this.methods.size() + 16) {
			return;
		}
		IdentityHashMap<Method, CachedMethod> copy = new IdentityHashMap<>(this.seen);
		copy.put(method, cached);
		this.seen = copy;
	}

	boolean matches(Method method) {
		return find(method) != null;
	}

}
