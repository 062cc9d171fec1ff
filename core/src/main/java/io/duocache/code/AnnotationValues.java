package io.duocache.code;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Describes annotations with every attribute value, in an order and a form that do not depend on
 * the JVM ({@link Annotation#toString()} does), so their description can be part of a stable hash.
 */
final class AnnotationValues {

	private AnnotationValues() {
	}

	static String describe(Annotation[] annotations) {
		StringBuilder description = new StringBuilder();
		Arrays.stream(annotations)
			.sorted(Comparator.comparing((Annotation annotation) -> annotation.annotationType().getName()))
			.forEach((annotation) -> describe(annotation, description));
		return description.toString();
	}

	private static void describe(Annotation annotation, StringBuilder description) {
		Class<? extends Annotation> type = annotation.annotationType();
		description.append('@').append(type.getName()).append('(');
		Method[] attributes = type.getDeclaredMethods();
		Arrays.sort(attributes, Comparator.comparing(Method::getName));
		for (Method attribute : attributes) {
			if (attribute.getParameterCount() != 0 || attribute.isSynthetic()) {
				continue;
			}
			description.append(attribute.getName()).append('=');
			try {
				attribute.setAccessible(true);
				value(attribute.invoke(annotation), description);
			}
			catch (IllegalAccessException | InvocationTargetException | RuntimeException ex) {
				description.append('?');
			}
			description.append(';');
		}
		description.append(')');
	}

	private static void value(Object value, StringBuilder description) {
		if (value instanceof Annotation nested) {
			describe(nested, description);
		}
		else if (value instanceof Class<?> type) {
			description.append(type.getName());
		}
		else if (value instanceof Enum<?> constant) {
			description.append(constant.getDeclaringClass().getName()).append('.').append(constant.name());
		}
		else if (value.getClass().isArray()) {
			description.append('[');
			for (int i = 0; i < Array.getLength(value); i++) {
				value(Array.get(value, i), description);
				description.append(',');
			}
			description.append(']');
		}
		else {
			description.append(value.getClass().getName()).append(':').append(value);
		}
	}

}
