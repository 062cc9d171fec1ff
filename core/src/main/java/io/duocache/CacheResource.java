package io.duocache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the resource a method returns: every hit returns the same shared instance, which must be
 * thread-safe, and the instance is released when it leaves the cache.
 *
 * <p>On a class, applies to every public method declared by that class; an annotation on a method
 * wins over the one on its class. Entries are keyed on the method's code and on the values of its
 * arguments; parameters annotated with {@link Exclude} or named with a leading underscore are left
 * out of the key.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CacheResource {

	/**
	 * The cache name; empty means {@code SimpleClassName.methodName}.
	 * @return the cache name
	 */
	String name() default "";

	/**
	 * How long an entry lives after it was written, such as {@code "90s"}, {@code "10m"},
	 * {@code "1h"}, {@code "2d"} or {@code "PT1H30M"}; empty means the configured default, else
	 * no expiry.
	 * @return the time to live
	 */
	String ttl() default "";

	/**
	 * The maximum number of entries; {@code -1} means the configured default, else unbounded.
	 * @return the entry bound
	 */
	long maxEntries() default -1;

	/**
	 * The text logged at INFO when a miss starts computing; empty means
	 * {@code "Running SimpleClassName.methodName(...)"}.
	 * @return the spinner text
	 */
	String spinner() default "";

	/**
	 * Whether a miss logs the spinner text.
	 * @return whether to log the spinner
	 */
	boolean showSpinner() default true;

	/**
	 * Whether a miss logs how long the computation took.
	 * @return whether to log the elapsed time
	 */
	boolean showTime() default false;

	/**
	 * How an expired entry is recomputed: by the caller that finds it expired, or in the background
	 * while hits still get the old value (see {@link Refresh#BACKGROUND}).
	 * @return the refresh mode
	 */
	Refresh refresh() default Refresh.FOREGROUND;

	/**
	 * Which callers share the cache.
	 * @return the scope
	 */
	Scope scope() default Scope.GLOBAL;

	/**
	 * Hashers for argument types that are not hashable out of the box; they win over
	 * {@link ParamHasher} beans.
	 * @return the hasher classes, created through the bean factory
	 */
	Class<? extends ParamHasher<?>>[] hashers() default {};

	/**
	 * Checks a cached resource on every hit; a resource found invalid is released and computed
	 * again.
	 * @return the validator class, created through the bean factory
	 */
	@SuppressWarnings("rawtypes")
	Class<? extends ResourceValidator> validate() default ResourceValidator.None.class;

	/**
	 * Releases a resource when it leaves the cache (expiry, eviction, clear, failed validation or
	 * shutdown), exactly once.
	 * @return the releaser class, created through the bean factory
	 */
	@SuppressWarnings("rawtypes")
	Class<? extends ResourceReleaser> onRelease() default ResourceReleaser.Close.class;

}
