package io.duocache;

import org.jspecify.annotations.Nullable;

/**
 * Thrown before a cached method runs when one of its arguments cannot be made part of the key.
 */
public class UnhashableParamException extends DuocacheException {

	private final String methodName;

	private final String parameterName;

	private final String typeName;

	/**
	 * Creates the exception for one argument.
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param parameterName the parameter's name
	 * @param typeName the fully qualified name of the type that cannot be hashed
	 */
	public UnhashableParamException(String methodName, String parameterName, String typeName) {
		this(methodName, parameterName, typeName, null);
	}

	/**
	 * Creates the exception for one argument that has a built-in rule but still cannot be hashed.
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param parameterName the parameter's name
	 * @param typeName the fully qualified name of the type that cannot be hashed
	 * @param reason why it cannot be hashed, or {@code null} when its type has no rule
	 */
	public UnhashableParamException(String methodName, String parameterName, String typeName,
			@Nullable String reason) {
		super("Cannot hash argument '" + parameterName + "' (of type " + typeName + ") in '" + methodName + "'"
				+ ((reason != null) ? ": " + reason : "") + ".\n"
				+ "To fix this, exclude it from the key with @Exclude or a leading underscore (_" + parameterName + "),\n"
				+ "or register a ParamHasher<" + typeName + "> bean, or name one in @CacheData(hashers = ...).");
		this.methodName = methodName;
		this.parameterName = parameterName;
		this.typeName = typeName;
	}

	/**
	 * Returns the method as {@code SimpleClassName.methodName}.
	 * @return the method
	 */
	public String getMethodName() {
		return this.methodName;
	}

	/**
	 * Returns the name of the parameter whose argument could not be hashed.
	 * @return the parameter name
	 */
	public String getParameterName() {
		return this.parameterName;
	}

	/**
	 * Returns the fully qualified name of the type that could not be hashed.
	 * @return the type name
	 */
	public String getTypeName() {
		return this.typeName;
	}

}
