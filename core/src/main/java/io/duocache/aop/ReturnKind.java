package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.springframework.core.KotlinDetector;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * How a cached method hands back its value: directly, as a future, or (with Reactor on the class
 * path) as a {@code Mono} or a {@code Flux}. A future and a {@code Mono} cache their value, a
 * {@code Flux} the list of its elements.
 */
enum ReturnKind {

	VALUE, FUTURE, MONO, FLUX,

	/** A Kotlin {@code suspend fun}: Spring's proxies call it as a {@code Mono} of its declared return type. */
	SUSPENDING;

	private static final boolean reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono",
			ReturnKind.class.getClassLoader());

	static ReturnKind of(Method method) {
		if (KotlinDetector.isSuspendingFunction(method)) {
			return SUSPENDING;
		}
		return of(method.getReturnType());
	}

	static ReturnKind of(Class<?> returnType) {
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return FUTURE;
		}
		if (reactorPresent) {
			if (returnType.getName().equals("reactor.core.publisher.Mono")) {
				return MONO;
			}
			if (returnType.getName().equals("reactor.core.publisher.Flux")) {
				return FLUX;
			}
		}
		return VALUE;
	}

	/** Whether the method hands back a publisher (a {@code Mono} for a suspending function) that caches its value. */
	boolean isPublisher() {
		return this == MONO || this == FLUX || this == SUSPENDING;
	}

	/** Returns the type of what is cached for a method's declared return type. */
	ResolvableType cachedType(ResolvableType returnType) {
		return switch (this) {
			case VALUE -> returnType;
			case FUTURE -> returnType.as(CompletionStage.class).getGeneric(0);
			case MONO -> returnType.getGeneric(0);
			case SUSPENDING -> returnType;
			case FLUX -> ResolvableType.forClassWithGenerics(List.class, returnType.getGeneric(0));
		};
	}

}
