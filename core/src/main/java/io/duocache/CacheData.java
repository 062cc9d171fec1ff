package io.duocache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the data a method returns: the value is serialized once when it is computed and every hit
 * returns a fresh deep copy, so callers may mutate what they get without affecting the cache.
 *
 * <p>On a class, applies to every public method declared by that class; an annotation on a method
 * wins over the one on its class. Entries are keyed on the method's code and on the values of its
 * arguments; parameters annotated with {@link Exclude} or named with a leading underscore are left
 * out of the key.
 *
 * <p>A method returning a {@code CompletableFuture} caches the value it completes with (a failed
 * future is not cached); with Reactor on the class path, a {@code Mono} caches the value it emits
 * (empty is a value, an error is not cached) and a {@code Flux} the list of its elements, replayed
 * to each subscriber, who gets a copy of its own.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CacheData {

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
	 * The byte budget of the stored copies, such as {@code "64MB"}; empty means the configured
	 * default, else none. It counts the serialized bytes of every entry; a deeply immutable value,
	 * which hits return without a copy, is also held as the object itself, beside its bytes.
	 * @return the size bound
	 */
	String maxSize() default "";

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
	 * Where entries are kept besides memory.
	 * @return the second tier
	 */
	Persist persist() default Persist.DEFAULT;

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

}
