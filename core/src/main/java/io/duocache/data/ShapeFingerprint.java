package io.duocache.data;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;

/**
 * A hash of the shape of a declared return type: its property names and types, recursively, as the
 * field-based codec writes them. Keys of entries kept beyond memory include it, so a release whose
 * DTOs have another shape never reads entries written by the old one.
 */
public final class ShapeFingerprint {

	private ShapeFingerprint() {
	}

	/**
	 * Returns the fingerprint of a type.
	 * @param type the declared type
	 * @param typeFactory resolves the generic types of fields
	 * @return its hash
	 */
	public static CacheKey of(JavaType type, TypeFactory typeFactory) {
		StringBuilder shape = new StringBuilder();
		describe(type, typeFactory, shape, new HashSet<>());
		return KeyHasher.seed("duocache-shape-1", shape.toString());
	}

	private static void describe(JavaType type, TypeFactory typeFactory, StringBuilder shape, Set<Class<?>> path) {
		Class<?> raw = type.getRawClass();
		shape.append(raw.getName());
		if (type.containedTypeCount() > 0) {
			shape.append('<');
			for (int i = 0; i < type.containedTypeCount(); i++) {
				describe(type.containedType(i), typeFactory, shape, path);
				shape.append(',');
			}
			shape.append('>');
		}
		if (type.isArrayType()) {
			shape.append('[');
			describe(type.getContentType(), typeFactory, shape, path);
			shape.append(']');
			return;
		}
		if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.") || !path.add(raw)) {
			if (raw.isEnum()) {
				shape.append(List.of(raw.getEnumConstants()));
			}
			return;
		}
		shape.append('{');
		for (Field field : fields(raw)) {
			shape.append(field.getName()).append(':');
			describe(typeFactory.resolveMemberType(field.getGenericType(), type.getBindings()), typeFactory, shape, path);
			shape.append(';');
		}
		shape.append('}');
		path.remove(raw);
	}

	private static List<Field> fields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (DataFields.isData(field)) {
					fields.add(field);
				}
			}
		}
		fields.sort(Comparator.comparing(Field::getName));
		return fields;
	}

}
