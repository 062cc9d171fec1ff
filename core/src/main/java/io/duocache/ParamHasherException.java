package io.duocache;

/**
 * Thrown before a cached method runs when a {@link ParamHasher} failed on one of its arguments.
 */
public class ParamHasherException extends DuocacheException {

	/**
	 * Creates the exception.
	 * @param hasherName the hasher's class name
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param parameterName the parameter's name
	 * @param typeName the fully qualified name of the argument's type
	 * @param cause what the hasher threw, or why its result was refused
	 */
	public ParamHasherException(String hasherName, String methodName, String parameterName, String typeName,
			Throwable cause) {
		super("ParamHasher " + hasherName + " failed on argument '" + parameterName + "' (of type " + typeName
				+ ") in '" + methodName + "': " + cause.getMessage() + ".\n"
				+ "To fix this, make the hasher return a value for every argument it can receive, "
				+ "or exclude the argument from the key with @Exclude or a leading underscore (_" + parameterName
				+ ").", cause);
	}

}
