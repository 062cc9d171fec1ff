package io.duocache.data;

import java.util.Map;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
/** Copies a map with keys Jackson reads back equal, copying each value. */
final class MapCopier implements Copier {

	private final Copier value;

	private final IntFunction<Map<Object, Object>> factory;

	MapCopier(Copier value, IntFunction<Map<Object, Object>> factory) {
		this.value = value;
		this.factory = factory;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		Map<?, ?> source = (Map<?, ?>) value;
		Map<Object, Object> copy = this.factory.apply((int) Math.min(Integer.MAX_VALUE, source.size() * 4L / 3 + 1));
		for (Map.Entry<?, ?> entry : source.entrySet()) {
			copy.put(entry.getKey(), this.value.copy(entry.getValue()));
		}
		return copy;
	}

	@Override
	public boolean shares() {
		return false;
	}

}
