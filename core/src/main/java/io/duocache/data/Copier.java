package io.duocache.data;

import org.jspecify.annotations.Nullable;

/**
 * Deep-copies values of one declared type without going through Smile: mutable containers and
 * objects are rebuilt, deeply immutable parts are shared. Copiers are planned once per type by
 * {@link Copiers}; a copy equals what a Smile round trip of the value gives, because the plan follows
 * the same declared types Jackson reads by and refuses every shape it cannot copy exactly.
 */
interface Copier {

	/**
	 * Returns a copy that shares nothing a caller could mutate with {@code value}.
	 * @param value a value of the planned type
	 * @return the copy
	 * @throws UnplannedShapeException if the value holds an object of a class the plan did not expect
	 * (a subclass where the declared type was a class), which only a Smile round trip copies right
	 */
	@Nullable Object copy(@Nullable Object value);

	/**
	 * Returns whether every value of the type is deeply immutable, so a copy is the value itself.
	 * @return whether values are shared
	 */
	boolean shares();

}
