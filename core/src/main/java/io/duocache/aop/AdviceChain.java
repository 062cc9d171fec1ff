package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;

import io.duocache.DuocacheConfiguration;
import io.duocache.InvalidCacheDeclarationException;

/**
 * Where Duocache's advisor sits among the other advisors of a bean, proxies nested in proxies
 * included: after every advisor of higher precedence (Spring Security's authorization interceptors
 * among them) and before those of lower precedence (the transaction interceptor), by order value as
 * Spring's own advisors meet.
 */
final class AdviceChain {

	private static final List<Class<?>> AUTHORIZATION_TYPES = Stream.of(
			"org.springframework.security.authorization.method.AuthorizationAdvisor",
			"org.springframework.security.access.intercept.aopalliance.MethodSecurityInterceptor",
			"org.springframework.security.access.prepost.PrePostAdviceReactiveMethodInterceptor")
		.filter((name) -> ClassUtils.isPresent(name, AdviceChain.class.getClassLoader()))
		.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, AdviceChain.class.getClassLoader()))
		.toList();

	private AdviceChain() {
	}

	/**
	 * Adds an advisor to an existing proxy, after every advisor that comes before it by order and
	 * before the others, so that an advisor of equal order comes after it.
	 * @param proxy the proxy
	 * @param advisor the advisor to add
	 */
	static void join(Advised proxy, Advisor advisor) {
		Advisor[] advisors = proxy.getAdvisors();
		int position = 0;
		for (int i = 0; i < advisors.length; i++) {
			if (AnnotationAwareOrderComparator.INSTANCE.compare(advisors[i], advisor) < 0) {
				position = i + 1;
			}
		}
		proxy.addAdvisor(position, advisor);
	}

	/**
	 * Checks that no authorization interceptor that applies to a cached method runs after the
	 * advisor, in the bean's proxy or in a proxy it wraps: a cached value would then reach callers
	 * the method's security refuses.
	 * @param beanName the bean
	 * @param bean the bean as the application sees it
	 * @param advisor Duocache's advisor of the bean
	 * @param targetClass the bean's class
	 * @param cachedMethods the cached methods
	 * @throws InvalidCacheDeclarationException naming the bean and the method if one does
	 */
	static void checkInsideAuthorization(String beanName, Object bean, Advisor advisor, Class<?> targetClass,
			Collection<Method> cachedMethods) {
		if (AUTHORIZATION_TYPES.isEmpty()) {
			return;
		}
		List<Advisor> chain = chain(bean);
		int position = chain.indexOf(advisor);
		if (position < 0) {
			return;
		}
		for (Advisor inner : chain.subList(position + 1, chain.size())) {
			if (!isAuthorization(inner)) {
				continue;
			}
			for (Method method : cachedMethods) {
				if (appliesTo(inner, method, targetClass)) {
					throw new InvalidCacheDeclarationException(targetClass.getSimpleName() + "." + method.getName(),
							"its cache would answer before the authorization interceptor " + describe(inner)
									+ " of bean '" + beanName + "', so a cached value could reach a caller that the "
									+ "method's security refuses",
							"Give Duocache's advisor a higher order value than the authorization interceptors' "
									+ "(duocache.order, now " + orderOf(advisor) + "; by default "
									+ DuocacheConfiguration.DEFAULT_ORDER + "), or lower theirs "
									+ "(@EnableMethodSecurity(offset = ...)).");
				}
			}
		}
	}

	/** Returns the advisors a call meets, outermost first, through every proxy the bean wraps. */
	private static List<Advisor> chain(Object bean) {
		List<Advisor> chain = new ArrayList<>();
		Object current = bean;
		while (current instanceof Advised advised && AopUtils.isAopProxy(current)) {
			chain.addAll(List.of(advised.getAdvisors()));
			current = AopProxyUtils.getSingletonTarget(current);
		}
		return chain;
	}

	private static boolean isAuthorization(Advisor advisor) {
		for (Class<?> type : AUTHORIZATION_TYPES) {
			if (type.isInstance(advisor) || type.isInstance(advisor.getAdvice())) {
				return true;
			}
		}
		return false;
	}

	private static boolean appliesTo(Advisor advisor, Method method, Class<?> targetClass) {
		if (!(advisor instanceof PointcutAdvisor pointcutAdvisor)) {
			return true;
		}
		Pointcut pointcut = pointcutAdvisor.getPointcut();
		return pointcut.getClassFilter().matches(targetClass)
				&& pointcut.getMethodMatcher().matches(method, targetClass);
	}

	private static String describe(Advisor advisor) {
		return advisor.getAdvice().getClass().getSimpleName() + " (order " + orderOf(advisor) + ")";
	}

	private static String orderOf(Advisor advisor) {
		return (advisor instanceof Ordered ordered) ? String.valueOf(ordered.getOrder()) : "none";
	}

}
