package io.duocache.data;

import java.lang.reflect.Array;

import org.jspecify.annotations.Nullable;
/** Copies an object array of exactly its declared component type, copying each element. */
final class ObjectArrayCopier implements Copier {

	private final Class<?> component;

	private final Copier element;

	ObjectArrayCopier(Class<?> component, Copier element) {
		this.component = component;
		this.element = element;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value.getClass().getComponentType() != this.component) {
			throw new UnplannedShapeException(this.component.arrayType(), value.getClass());
		}
		Object[] source = (Object[]) value;
		Object[] copy = (Object[]) Array.newInstance(this.component, source.length);
		for (int i = 0; i < source.length; i++) {
			copy[i] = this.element.copy(source[i]);
		}
		return copy;
	}

	@Override
	public boolean shares() {
		return false;
	}

}
