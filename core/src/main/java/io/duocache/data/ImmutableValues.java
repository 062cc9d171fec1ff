package io.duocache.data;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a value is deeply immutable, so that a hit may return it without a copy: strings,
 * boxes, enums, {@code java.time} values, UUIDs, big numbers, and records, optionals and JDK
 * immutable collections made only of such values.
 */
final class ImmutableValues {

	private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class, Byte.class, Short.class,
			Character.class, Integer.class, Long.class, Float.class, Double.class, UUID.class, BigDecimal.class,
			BigInteger.class);

	private ImmutableValues() {
	}

	static boolean isDeeplyImmutable(@Nullable Object value) {
		return isDeeplyImmutable(value, new IdentityHashMap<>());
	}

	private static boolean isDeeplyImmutable(@Nullable Object value, Map<Object, Boolean> visiting) {
		if (value == null) {
			return true;
		}
		Class<?> type = value.getClass();
		if (LEAVES.contains(type) || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())
				|| isJavaTime(type)) {
			return true;
		}
		if (visiting.put(value, Boolean.TRUE) != null) {
			return true;
		}
		if (type == Optional.class) {
			return isDeeplyImmutable(((Optional<?>) value).orElse(null), visiting);
		}
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				Method accessor = component.getAccessor();
				if (!accessor.trySetAccessible()) {
					return false;
				}
				try {
					if (!isDeeplyImmutable(accessor.invoke(value), visiting)) {
						return false;
					}
				}
				catch (ReflectiveOperationException ex) {
					return false;
				}
			}
			return true;
		}
		if (type.getName().startsWith("java.util.ImmutableCollections$")) {
			if (value instanceof Map<?, ?> map) {
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (!isDeeplyImmutable(entry.getKey(), visiting) || !isDeeplyImmutable(entry.getValue(), visiting)) {
						return false;
					}
				}
				return true;
			}
			for (Object element : (Collection<?>) value) {
				if (!isDeeplyImmutable(element, visiting)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	private static boolean isJavaTime(Class<?> type) {
		return type.getPackageName().equals("java.time") && !type.getSimpleName().equals("Clock");
	}

}
