package io.duocache.aop;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * The root object of a write annotation's expressions, as Spring's own cache expressions see it:
 * {@code #root.method}, {@code #root.methodName}, {@code #root.args}, {@code #root.target},
 * {@code #root.targetClass}.
 */
public final class WriteRoot {

	private final Method method;

	private final @Nullable Object[] args;

	private final Object target;

	private final Class<?> targetClass;

	WriteRoot(Method method, @Nullable Object[] args, Object target, Class<?> targetClass) {
		this.method = method;
		this.args = args;
		this.target = target;
		this.targetClass = targetClass;
	}

	/**
	 * Returns the writing method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Returns the writing method's name.
	 * @return the name
	 */
	public String getMethodName() {
		return this.method.getName();
	}

	/**
	 * Returns the arguments of the call.
	 * @return the arguments
	 */
	public @Nullable Object[] getArgs() {
		return this.args;
	}

	/**
	 * Returns the bean called.
	 * @return the target
	 */
	public Object getTarget() {
		return this.target;
	}

	/**
	 * Returns the bean's class.
	 * @return the target class
	 */
	public Class<?> getTargetClass() {
		return this.targetClass;
	}

}
