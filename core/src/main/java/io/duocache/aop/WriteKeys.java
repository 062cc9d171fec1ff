package io.duocache.aop;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ReflectionUtils;

import io.duocache.DuocacheException;

/**
 * Reads the key of a Spring write annotation as the arguments of the cached call it names: one value
 * for a method with one hashed parameter, a {@code SimpleKey} of as many values for several,
 * {@code SimpleKey.EMPTY} for none; each converted to its parameter's type.
 */
final class WriteKeys {

	/** Spring's {@code SimpleKey} keeps its values to itself; they are the arguments a write names. */
	private static final Field SIMPLE_KEY_VALUES = simpleKeyValues();

	private WriteKeys() {
	}

	private static Field simpleKeyValues() {
		Field field = ReflectionUtils.findField(SimpleKey.class, "params");
		if (field == null) {
			throw new IllegalStateException("Spring's SimpleKey has no 'params' field");
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	/**
	 * Returns the arguments of a call of the cached method that uses the entry a key names, excluded
	 * parameters {@code null}.
	 * @param key the write's key
	 * @param target the cache the write names
	 * @param conversion converts values to the parameters' types
	 * @param writer the writing method as {@code SimpleClassName.methodName}, for errors
	 * @param annotation the write annotation, for errors
	 * @return the arguments
	 * @throws DuocacheException if the key cannot be read as those arguments
	 */
	static @Nullable Object[] arguments(@Nullable Object key, DeclaredCaches.Target target,
			ConversionService conversion, String writer, String annotation) {
		Method cached = target.declaration().method();
		List<Integer> positions = target.keyPositions();
		@Nullable Object[] values = values(key, positions.size());
		if (values == null) {
			throw unreadable(key, target, writer, annotation, (key instanceof SimpleKey simple)
					? "it is a SimpleKey of " + valuesOf(simple).length + " values" : "it is one value");
		}
		@Nullable Object[] arguments = new Object[cached.getParameterCount()];
		for (int i = 0; i < values.length; i++) {
			int position = positions.get(i);
			TypeDescriptor type = new TypeDescriptor(MethodParameter.forExecutable(cached, position));
			try {
				arguments[position] = conversion.convert(values[i], type);
			}
			catch (ConversionException ex) {
				throw unreadable(key, target, writer, annotation, "its value " + values[i] + " (a "
						+ ((values[i] != null) ? values[i].getClass().getName() : "null") + ") cannot be converted to "
						+ type.getType().getName() + " for parameter '" + cached.getParameters()[position].getName()
						+ "' (" + ex.getMessage() + ")");
			}
		}
		return arguments;
	}

	/** Returns the key's values when they are as many as the hashed parameters, else {@code null}. */
	private static @Nullable Object @Nullable [] values(@Nullable Object key, int hashed) {
		if (hashed == 1) {
			return (key instanceof SimpleKey) ? null : new Object[] { key };
		}
		if (!(key instanceof SimpleKey simple)) {
			return null;
		}
		@Nullable Object[] values = valuesOf(simple);
		return (values.length == hashed) ? values : null;
	}

	private static @Nullable Object[] valuesOf(SimpleKey key) {
		@Nullable Object[] values = (@Nullable Object[]) ReflectionUtils.getField(SIMPLE_KEY_VALUES, key);
		return (values != null) ? values : new Object[0];
	}

	private static DuocacheException unreadable(@Nullable Object key, DeclaredCaches.Target target, String writer,
			String annotation, String why) {
		CacheDeclaration declaration = target.declaration();
		Parameter[] parameters = declaration.method().getParameters();
		List<String> hashed = target.keyPositions().stream().map((position) -> parameters[position].getName()).toList();
		String fix = switch (hashed.size()) {
			case 0 -> "leave out the key: the cache has one entry, Spring's SimpleKey.EMPTY (or use allEntries = true)";
			case 1 -> "give it key = \"#...\" naming the value of " + hashed.get(0);
			default -> "give it a key of " + hashed.size() + " values in this order (" + String.join(", ", hashed)
					+ "): Spring's default key, when the writing method's parameters are exactly these, or "
					+ "key = \"new org.springframework.cache.interceptor.SimpleKey(" + hashed.stream()
						.map((name) -> "#" + name)
						.collect(Collectors.joining(", ")) + ")\"";
		};
		return new DuocacheException("The key of @" + annotation + " on '" + writer + "' (" + key + ") cannot be read "
				+ "as the arguments of '" + declaration.methodName() + "', which cache '" + declaration.cacheName()
				+ "' is keyed on (" + (hashed.isEmpty() ? "no parameters" : String.join(", ", hashed)) + "): " + why
				+ ". To fix this, " + fix + ".");
	}

}
