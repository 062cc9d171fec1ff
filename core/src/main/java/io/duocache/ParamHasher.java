package io.duocache;

import org.jspecify.annotations.Nullable;

/**
 * Makes arguments of type {@code T} (and its subtypes) part of a cache key.
 *
 * <p>Register one as a bean, or name it in an annotation's {@code hashers}. The returned value is
 * hashed again by the built-in rules, so returning a string, a number, a record or a list of them
 * is enough. It must depend only on the argument's value, never on its identity, so that keys stay
 * stable across restarts.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface ParamHasher<T> {

	/**
	 * Returns a hashable value that stands for the argument.
	 * @param value the argument, never {@code null}
	 * @return a value hashable by the built-in rules
	 */
	@Nullable Object hash(T value);

}
