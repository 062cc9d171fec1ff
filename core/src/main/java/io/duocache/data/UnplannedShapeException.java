package io.duocache.data;

/**
 * A value held an object whose class a {@link Copier} did not plan for; the value is copied through
 * Smile instead. Thrown without a stack trace: it is an answer, not a failure.
 */
final class UnplannedShapeException extends RuntimeException {

	UnplannedShapeException(Class<?> expected, Class<?> actual) {
		super("expected a " + expected.getName() + " but found a " + actual.getName(), null, false, false);
	}

}
