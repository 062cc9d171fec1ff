package io.duocache.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import org.springframework.core.KotlinDetector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.InvalidCacheDeclarationException;
import io.duocache.Persist;
import io.duocache.Refresh;
import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.config.Durations;
import io.duocache.config.Tier;

/**
 * Finds the cached methods of a class and checks how they are declared, failing with a message that
 * names the method and says how to fix it. Results are memoised per class.
 */
public final class CachedMethodScanner {

	private static final List<Class<?>> ONE_SHOT_TYPES = List.of(BaseStream.class, Iterator.class, Spliterator.class,
			Enumeration.class);

	private static final String KOTLIN_FIX = "Apply the kotlin-spring compiler plugin (all-open) and annotate the "
			+ "class with @Service or @Component, or add io.duocache.CacheData and io.duocache.CacheResource to the "
			+ "all-open annotations and annotate the class with them, or declare the class and the function open.";

	private static final boolean COROUTINES_REACTOR = ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt",
			CachedMethodScanner.class.getClassLoader());

	private static final String POST_FILTER = "org.springframework.security.access.prepost.PostFilter";

	private final Map<Class<?>, List<CacheDeclaration>> declarations = new ConcurrentHashMap<>();

	/**
	 * Returns the cached methods of a class (a class without any returns an empty list).
	 * @param userClass the class, not a proxy class
	 * @return the declarations
	 * @throws InvalidCacheDeclarationException if a method is declared in a way that cannot work
	 */
	public List<CacheDeclaration> scan(Class<?> userClass) {
		List<CacheDeclaration> found = this.declarations.get(userClass);
		if (found == null) {
			found = List.copyOf(find(userClass));
			this.declarations.put(userClass, found);
		}
		return found;
	}

	/**
	 * Returns whether a class, or one of its methods, carries a Duocache annotation.
	 * @param userClass the class
	 * @return whether it may have cached methods
	 */
	public static boolean isCandidate(Class<?> userClass) {
		return AnnotatedElementUtils.hasAnnotation(userClass, CacheData.class)
				|| AnnotatedElementUtils.hasAnnotation(userClass, CacheResource.class)
				|| hasAnnotatedMethod(userClass);
	}

	private static boolean hasAnnotatedMethod(Class<?> userClass) {
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (AnnotatedElementUtils.hasAnnotation(method, CacheData.class)
					|| AnnotatedElementUtils.hasAnnotation(method, CacheResource.class)) {
				return true;
			}
		}
		return false;
	}

	private List<CacheDeclaration> find(Class<?> userClass) {
		List<CacheDeclaration> found = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (method.isBridge() || method.isSynthetic()) {
				continue;
			}
			String methodName = userClass.getSimpleName() + "." + method.getName();
			CacheData data = AnnotatedElementUtils.findMergedAnnotation(method, CacheData.class);
			CacheResource resource = AnnotatedElementUtils.findMergedAnnotation(method, CacheResource.class);
			if (data != null && resource != null) {
				throw new InvalidCacheDeclarationException(methodName, "it is annotated with both @CacheData and "
						+ "@CacheResource", "Keep @CacheData for values that callers may change and @CacheResource for "
								+ "shared instances, not both.");
			}
			if (data == null && resource == null && Modifier.isPublic(method.getModifiers())) {
				data = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), CacheData.class);
				resource = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), CacheResource.class);
			}
			if (data != null) {
				checkMethod(method, methodName);
				found.add(declaration(method, methodName, data));
			}
			else if (resource != null) {
				checkMethod(method, methodName);
				checkNotPostFiltered(method, methodName);
				found.add(declaration(method, methodName, resource));
			}
		}
		return found;
	}

	/**
	 * Refuses a post-filtered resource: Spring Security filters a returned collection in place, and a
	 * resource is one instance every caller shares, so one caller's filter would remove elements for
	 * all of them.
	 */
	private static void checkNotPostFiltered(Method method, String methodName) {
		if (MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(POST_FILTER)
				|| MergedAnnotations.from(method.getDeclaringClass(), SearchStrategy.TYPE_HIERARCHY)
					.isPresent(POST_FILTER)) {
			throw new InvalidCacheDeclarationException(methodName, "it is a @CacheResource method with @PostFilter, "
					+ "which filters the one instance that every caller shares in place",
					"Use @CacheData, whose callers each get their own copy to filter, or filter in the method's "
							+ "callers.");
		}
	}

	private static void checkMethod(Method method, String methodName) {
		int modifiers = method.getModifiers();
		if (Modifier.isPrivate(modifiers)) {
			throw invalid(methodName, "it is private, so calls never pass through the Spring proxy",
					"Make it public (or protected / package-private) and call it through the bean.");
		}
		if (Modifier.isStatic(modifiers)) {
			throw invalid(methodName, "it is static, so calls never pass through the Spring proxy",
					"Make it an instance method of the bean.");
		}
		if (Modifier.isFinal(modifiers)) {
			if (KotlinDetector.isKotlinType(method.getDeclaringClass())) {
				throw invalid(methodName, "it is final, as Kotlin functions are unless declared open, so the "
						+ "Spring proxy cannot intercept it", KOTLIN_FIX);
			}
			throw invalid(methodName, "it is final, so the Spring proxy cannot intercept it",
					"Remove the final modifier (or annotate only the methods that should be cached).");
		}
		if (KotlinDetector.isSuspendingFunction(method) && !COROUTINES_REACTOR) {
			throw invalid(methodName, "it is a suspend fun, which Spring's proxies call through Kotlin's coroutine "
					+ "bridge to Reactor, and kotlinx-coroutines-reactor is not on the class path",
					"Add org.jetbrains.kotlinx:kotlinx-coroutines-reactor to the application's dependencies.");
		}
		if (method.getReturnType() == void.class) {
			throw invalid(methodName, "it returns void, so there is nothing to cache",
					"Return the value to cache, or remove the annotation (move a class-level annotation to the "
							+ "methods that return values).");
		}
		Class<?> oneShot = oneShotType(method.getReturnType());
		if (oneShot != null) {
			throw invalid(methodName, "it returns " + oneShot.getName() + ", which can be read only once, so every "
					+ "hit would hand out a used-up or shared traversal",
					"Return a List (for a stream: collect it with .toList()) and traverse it where it is used.");
		}
	}

	/** Returns the one-shot traversal type a return type is, or {@code null}. */
	private static @Nullable Class<?> oneShotType(Class<?> returnType) {
		for (Class<?> oneShot : ONE_SHOT_TYPES) {
			if (oneShot.isAssignableFrom(returnType)) {
				return oneShot;
			}
		}
		boolean iterableOnly = Iterable.class.isAssignableFrom(returnType)
				&& !Collection.class.isAssignableFrom(returnType) && returnType.getName().startsWith("java.");
		return iterableOnly ? Iterable.class : null;
	}

	private static CacheDeclaration declaration(Method method, String methodName, CacheData data) {
		checkRefresh(methodName, data.refresh(), data.ttl());
		CacheSettings settings = new CacheSettings(ttl(methodName, data.ttl()), maxEntries(methodName, data.maxEntries()),
				maxSize(methodName, data.maxSize()));
		return new CacheDeclaration(method, methodName, Tier.DATA, cacheName(data.name(), methodName), settings,
				spinner(data.spinner(), methodName), data.showSpinner(), data.showTime(), data.persist(),
				data.refresh(), data.scope(), List.of(data.hashers()), ResourceValidator.None.class, ResourceReleaser.None.class);
	}

	private static CacheDeclaration declaration(Method method, String methodName, CacheResource resource) {
		checkRefresh(methodName, resource.refresh(), resource.ttl());
		CacheSettings settings = new CacheSettings(ttl(methodName, resource.ttl()),
				maxEntries(methodName, resource.maxEntries()), null);
		return new CacheDeclaration(method, methodName, Tier.RESOURCE, cacheName(resource.name(), methodName), settings,
				spinner(resource.spinner(), methodName), resource.showSpinner(), resource.showTime(), Persist.NONE,
				resource.refresh(), resource.scope(), List.of(resource.hashers()), resource.validate(),
				resource.onRelease());
	}

	private static void checkRefresh(String methodName, Refresh refresh, String ttl) {
		if (refresh == Refresh.BACKGROUND && ttl.isBlank()) {
			throw invalid(methodName, "refresh = BACKGROUND needs a ttl",
					"Set a ttl, for example ttl = \"10m\", or use refresh = FOREGROUND.");
		}
	}

	private static String cacheName(String name, String methodName) {
		return name.isBlank() ? methodName : name;
	}

	private static String spinner(String spinner, String methodName) {
		return spinner.isBlank() ? "Running " + methodName + "(...)" : spinner;
	}

	private static @Nullable Duration ttl(String methodName, String ttl) {
		if (ttl.isBlank()) {
			return null;
		}
		try {
			return Durations.parse(ttl);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(methodName, "ttl " + ex.getMessage(), "Fix the ttl attribute.");
		}
	}

	private static @Nullable Long maxEntries(String methodName, long maxEntries) {
		if (maxEntries == -1) {
			return null;
		}
		if (maxEntries < 1) {
			throw invalid(methodName, "maxEntries = " + maxEntries + " is not positive",
					"Use a bound of at least 1, or -1 for the configured default.");
		}
		return maxEntries;
	}

	private static @Nullable DataSize maxSize(String methodName, String maxSize) {
		if (maxSize.isBlank()) {
			return null;
		}
		try {
			DataSize size = DataSize.parse(maxSize.trim());
			if (size.isNegative() || size.toBytes() == 0) {
				throw new IllegalArgumentException("not positive");
			}
			return size;
		}
		catch (IllegalArgumentException ex) {
			throw invalid(methodName, "maxSize '" + maxSize + "' is not a size",
					"Write it like \"64MB\", \"512KB\" or \"1GB\".");
		}
	}

	/**
	 * Checks that a class with cached methods can be proxied by a subclass.
	 * @param userClass the class
	 * @param declarations its cached methods, not empty
	 */
	static void checkSubclassable(Class<?> userClass, List<CacheDeclaration> declarations) {
		if (Modifier.isFinal(userClass.getModifiers())) {
			boolean kotlin = KotlinDetector.isKotlinType(userClass);
			throw invalid(declarations.get(0).methodName(),
					"its class " + userClass.getName() + " is final" + (kotlin ? ", as Kotlin classes are unless "
							+ "declared open," : "") + " so no proxy can subclass it to intercept calls",
					kotlin ? KOTLIN_FIX : "Remove the final modifier from the class.");
		}
	}

	static InvalidCacheDeclarationException invalid(String methodName, String problem, String fix) {
		return new InvalidCacheDeclarationException(methodName, problem, fix);
	}

}
