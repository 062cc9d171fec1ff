package io.duocache.data;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;
/** Rebuilds an object through its no-argument constructor and sets each field it copies. */
final class ObjectCopier implements Copier {

	private final Constructor<?> constructor;

	private final Field[] fields;

	private final Copier[] copiers;

	ObjectCopier(Constructor<?> constructor, Field[] fields, Copier[] copiers) {
		this.constructor = constructor;
		this.fields = fields;
		this.copiers = copiers;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		return fill(value, newInstance(value));
	}

	Object newInstance(Object value) {
		try {
			return this.constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new UnplannedShapeException(value.getClass(), value.getClass());
		}
	}

	Object fill(Object value, Object copy) {
		try {
			for (int i = 0; i < this.fields.length; i++) {
				Field field = this.fields[i];
				Copier copier = this.copiers[i];
				if (field.getType().isPrimitive() || copier == Copiers.SHARED) {
					field.set(copy, field.get(value));
				}
				else {
					field.set(copy, copier.copy(field.get(value)));
				}
			}
			return copy;
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
