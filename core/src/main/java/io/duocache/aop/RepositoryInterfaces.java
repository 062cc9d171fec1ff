package io.duocache.aop;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Finds the interfaces a JDK proxy implements that its target does not, whose methods the proxy
 * implements itself: a Spring Data repository interface (its query methods have no code of their
 * own) or any other interface that a proxy's advice implements.
 */
final class RepositoryInterfaces {

	private static final boolean SPRING_DATA = ClassUtils.isPresent("org.springframework.data.repository.Repository",
			RepositoryInterfaces.class.getClassLoader());

	private RepositoryInterfaces() {
	}

	/**
	 * Returns the interfaces of a JDK proxy that its target class does not implement, whatever their
	 * package: whether one has cached methods follows from what it declares.
	 * @param bean the bean
	 * @param targetClass the class of the proxy's target
	 * @return the interfaces, empty for a bean that is not such a proxy
	 */
	static List<Class<?>> implementedByProxy(Object bean, Class<?> targetClass) {
		if (!(bean instanceof Advised advised) || !AopUtils.isJdkDynamicProxy(bean)) {
			return List.of();
		}
		List<Class<?>> interfaces = new ArrayList<>();
		for (Class<?> candidate : advised.getProxiedInterfaces()) {
			if (!candidate.isAssignableFrom(targetClass)) {
				interfaces.add(candidate);
			}
		}
		return interfaces;
	}

	/**
	 * Returns the domain type of a Spring Data repository interface, or {@code null} for another one.
	 * @param type the interface
	 * @return its domain type, or {@code null}
	 */
	static @Nullable ResolvableType domainType(Class<?> type) {
		if (!SPRING_DATA) {
			return null;
		}
		ResolvableType repository = ResolvableType.forClass(type)
			.as(org.springframework.data.repository.Repository.class);
		if (repository == ResolvableType.NONE || repository.getGeneric(0).resolve() == null) {
			return null;
		}
		return repository.getGeneric(0);
	}

}
