package io.duocache;

/**
 * Thrown at startup when a cached method is declared in a way Duocache cannot honour.
 */
public class InvalidCacheDeclarationException extends DuocacheException {

	private final String methodName;

	private final String problem;

	private final String fix;

	/**
	 * Creates the exception.
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param problem what is wrong with the declaration
	 * @param fix how to fix it
	 */
	public InvalidCacheDeclarationException(String methodName, String problem, String fix) {
		super("Invalid cache declaration on '" + methodName + "': " + problem + ". " + fix);
		this.methodName = methodName;
		this.problem = problem;
		this.fix = fix;
	}

	/**
	 * Returns the method as {@code SimpleClassName.methodName}.
	 * @return the method
	 */
	public String getMethodName() {
		return this.methodName;
	}

	/**
	 * Returns what is wrong with the declaration.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * Returns how to fix the declaration.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

}
