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
 * Routes calls of one bean's cached methods through their caches, and carries out the Spring write
 * annotations of its methods on Duocache's caches.
 */
final class DuocacheInterceptor implements MethodInterceptor {

	private final Class<?> targetClass;

	private final Map<Method, Advice> methods;

	/** The advised methods declared on interfaces, by name and parameter types, for calls through another declaration. */
	private final Map<String, Advice> interfaceMethods = new HashMap<>();

	private final Map<Method, Optional<Advice>> resolved = new ConcurrentHashMap<>();

	/** The Method instances seen so far; proxies pass the same instance on every call. */
	private volatile IdentityHashMap<Method, Advice> seen = new IdentityHashMap<>();

	DuocacheInterceptor(Class<?> targetClass, Map<Method, CachedMethod> cached, Map<Method, WriteMethod> writes) {
		this.targetClass = targetClass;
		Map<Method, Advice> methods = new HashMap<>();
		cached.forEach((method, cachedMethod) -> methods.put(method, new Advice(cachedMethod, writes.get(method))));
		writes.forEach((method, writeMethod) -> methods.putIfAbsent(method, new Advice(null, writeMethod)));
		this.methods = Map.copyOf(methods);
		this.methods.forEach((method, advice) -> {
			if (method.getDeclaringClass().isInterface()) {
				this.interfaceMethods.putIfAbsent(signature(method), advice);
			}
		});
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.toString(method.getParameterTypes());
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Advice advice = find(invocation.getMethod());
		return (advice != null) ? advice.invoke(invocation) : invocation.proceed();
	}

	@Nullable Advice find(Method method) {
		Advice advice = this.seen.get(method);
		if (advice != null) {
			return advice;
		}
		advice = this.resolved.computeIfAbsent(method, this::resolve).orElse(null);
		if (advice != null) {
			remember(method, advice);
		}
		return advice;
	}

	private Optional<Advice> resolve(Method method) {
		Advice declared = this.methods.get(method);
		if (declared == null) {
			declared = this.methods.get(AopUtils.getMostSpecificMethod(method, this.targetClass));
		}
		if (declared == null && method.getDeclaringClass().isInterface()) {
			declared = this.interfaceMethods.get(signature(method));
		}
		return Optional.ofNullable(declared);
	}

	private synchronized void remember(Method method, Advice advice) {
		if (this.seen.size() >= 4 * this.methods.size() + 16) {
			return;
		}
		IdentityHashMap<Method, Advice> copy = new IdentityHashMap<>(this.seen);
		copy.put(method, advice);
		this.seen = copy;
	}

	boolean matches(Method method) {
		return find(method) != null;
	}

	/** What one method gets: its cache, its writes, or both (the writes around the cached call). */
	record Advice(@Nullable CachedMethod cached, @Nullable WriteMethod writes) {

		@Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			CachedMethod cachedMethod = this.cached;
			if (this.writes == null) {
				return cachedMethod.invoke(invocation);
			}
			return this.writes.invoke(invocation,
					() -> (cachedMethod != null) ? cachedMethod.invoke(invocation) : invocation.proceed());
		}

	}

}
