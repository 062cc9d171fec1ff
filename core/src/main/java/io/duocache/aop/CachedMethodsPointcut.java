package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.function.Predicate;

import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the cached methods of one bean class. Its text names the class alone, because Spring's
 * proxy class cache keys on it: the proxy class predicted for the class (and generated ahead of
 * time) is then the one its bean's proxy uses.
 */
final class CachedMethodsPointcut extends StaticMethodMatcherPointcut {

	private final Class<?> beanClass;

	private final Predicate<Method> cached;

	CachedMethodsPointcut(Class<?> beanClass, Predicate<Method> cached) {
		this.beanClass = beanClass;
		this.cached = cached;
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return this.cached.test(method);
	}

	@Override
	public String toString() {
		return "Duocache cached methods of " + this.beanClass.getName();
	}

}
