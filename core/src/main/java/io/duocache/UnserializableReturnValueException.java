package io.duocache;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link CacheData} method returns a value that cannot be copied without loss.
 */
public class UnserializableReturnValueException extends DuocacheException {

	/**
	 * Creates the exception.
	 * @param typeName the type of the returned value
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param reason why the value cannot be copied
	 * @param cause the underlying failure, if any
	 */
	public UnserializableReturnValueException(String typeName, String methodName, String reason,
			@Nullable Throwable cause) {
		super("Cannot cache the value of type " + typeName + " returned by '" + methodName + "' as data: " + reason
				+ ".\nTo fix this, make the type readable by Jackson from its fields (a no-argument or "
				+ "@JsonCreator constructor, concrete field types), declare a concrete return type, or cache it as "
				+ "a shared instance with @CacheResource.", cause);
	}

}
