package io.duocache.data;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
/** Rebuilds a record through its canonical constructor from copies of its components. */
final class RecordCopier implements Copier {

	private final Constructor<?> canonical;

	private final Method[] accessors;

	private final Copier[] components;

	RecordCopier(Constructor<?> canonical, Method[] accessors, Copier[] components) {
		this.canonical = canonical;
		this.accessors = accessors;
		this.components = components;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		Object[] arguments = new Object[this.components.length];
		try {
			for (int i = 0; i < arguments.length; i++) {
				arguments[i] = this.components[i].copy(this.accessors[i].invoke(value));
			}
			return this.canonical.newInstance(arguments);
		}
		catch (ReflectiveOperationException ex) {
			throw new UnplannedShapeException(value.getClass(), value.getClass());
		}
	}

	@Override
	public boolean shares() {
		return false;
	}

}
