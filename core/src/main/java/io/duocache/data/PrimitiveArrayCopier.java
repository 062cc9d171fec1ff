package io.duocache.data;

import java.lang.reflect.Array;

import org.jspecify.annotations.Nullable;
/** Copies a primitive array at memory bandwidth. */
final class PrimitiveArrayCopier implements Copier {

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		int length = Array.getLength(value);
		Object copy = Array.newInstance(value.getClass().getComponentType(), length);
		System.arraycopy(value, 0, copy, 0, length);
		return copy;
	}

	@Override
	public boolean shares() {
		return false;
	}

}
