package io.duocache.data;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Walks a value and its copy side by side and reports the first place where the copy holds a value
 * of another type, which is how a lossy copy shows (an object read back as a map, a subclass read
 * back as its declared supertype).
 */
final class ShapeCheck {

	private static final int MAX_NODES = 10_000;

	private final Map<Object, Boolean> visited = new IdentityHashMap<>();

	private ShapeCheck() {
	}

	static @Nullable String difference(@Nullable Object original, @Nullable Object copy) {
		return new ShapeCheck().compare(original, copy, "value");
	}

	private @Nullable String compare(@Nullable Object original, @Nullable Object copy, String path) {
		if (original != null) {
			original = OptionalModules.unproxy(original);
		}
		if (original == null || copy == null) {
			return (original == copy) ? null : path + " was " + describe(original) + " but came back as "
					+ describe(copy);
		}
		if (this.visited.size() > MAX_NODES || this.visited.put(original, Boolean.TRUE) != null) {
			return null;
		}
		Class<?> type = original.getClass();
		boolean sameKind = type == copy.getClass() || (original instanceof Collection && copy instanceof Collection)
				|| (original instanceof Map && copy instanceof Map);
		if (!sameKind) {
			return path + " was " + describe(original) + " but came back as " + describe(copy);
		}
		if (OptionalModules.isSpringDataValue(original)) {
			return compare(OptionalModules.springDataContent(original), OptionalModules.springDataContent(copy),
					path + ".content");
		}
		if (original instanceof Object[] array) {
			Object[] copied = (Object[]) copy;
			for (int i = 0; i < Math.min(array.length, copied.length); i++) {
				String difference = compare(array[i], copied[i], path + "[" + i + "]");
				if (difference != null) {
					return difference;
				}
			}
			return null;
		}
		if (original instanceof Collection<?> collection) {
			if (original instanceof Set) {
				return null;
			}
			Iterator<?> copied = ((Collection<?>) copy).iterator();
			int index = 0;
			for (Object element : collection) {
				if (!copied.hasNext()) {
					return path + " lost elements";
				}
				String difference = compare(element, copied.next(), path + "[" + index++ + "]");
				if (difference != null) {
					return difference;
				}
			}
			return null;
		}
		if (original instanceof Map<?, ?> map) {
			Map<?, ?> copied = (Map<?, ?>) copy;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (copied.containsKey(entry.getKey())) {
					String difference = compare(entry.getValue(), copied.get(entry.getKey()),
							path + "[" + entry.getKey() + "]");
					if (difference != null) {
						return difference;
					}
				}
			}
			return null;
		}
		if (type.isArray() || type.isEnum() || type.getName().startsWith("java.")
				|| type.getName().startsWith("javax.")) {
			return null;
		}
		for (Field field : instanceFields(type)) {
			try {
				String difference = compare(field.get(original), field.get(copy), path + "." + field.getName());
				if (difference != null) {
					return difference;
				}
			}
			catch (IllegalAccessException ex) {
				// A field that cannot be read is left to the byte comparison.
			}
		}
		return null;
	}

	private static List<Field> instanceFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (DataFields.isData(field) && field.trySetAccessible()) {
					fields.add(field);
				}
			}
		}
		return fields;
	}

	private static String describe(@Nullable Object value) {
		return (value != null) ? "a " + value.getClass().getName() : "null";
	}

}
