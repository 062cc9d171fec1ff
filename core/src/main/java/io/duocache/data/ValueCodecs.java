package io.duocache.data;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The codecs of one data cache: one for the declared return type when it is precise (made at
 * startup), else one per runtime class of the values met. A cache used through Spring's API that
 * several methods of different return types name reads each value back as the one declared type its
 * runtime class belongs to (a {@code Mono<Long>}'s {@code Long}, a {@code Flux<Long>}'s
 * {@code List<Long>}), or as its runtime class when none or more than one does.
 */
final class ValueCodecs {

	private final ObjectMapper mapper;

	/** Whether the application changed how Jackson maps values, which a copy plan cannot know. */
	private final boolean customizedMapper;

	private final Supplier<List<JavaType>> declaredTypes;

	private volatile Resolved resolved;

	ValueCodecs(DataCodec codec, @Nullable JavaType declaredType) {
		this(codec, constant((declaredType != null) ? List.of(declaredType) : List.of()));
	}

	/**
	 * Creates the codecs of a cache whose declared types may grow while it is used.
	 * @param codec the codec that copies values
	 * @param declaredTypes the declared types as they are now
	 */
	ValueCodecs(DataCodec codec, Supplier<List<JavaType>> declaredTypes) {
		this.mapper = codec.mapper();
		this.customizedMapper = codec.isCustomized();
		this.declaredTypes = declaredTypes;
		this.resolved = new Resolved(declaredTypes.get());
	}

	private static Supplier<List<JavaType>> constant(List<JavaType> types) {
		return () -> types;
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	/** The codec of the declared type, which entries kept in a store are read back with, or {@code null}. */
	@Nullable ValueCodec declared() {
		return resolved().declared;
	}

	/** Returns what the declared types say, made again when a method declared another one. */
	private Resolved resolved() {
		Resolved current = this.resolved;
		List<JavaType> types = this.declaredTypes.get();
		if (current.types != types) {
			current = new Resolved(types);
			this.resolved = current;
		}
		return current;
	}

	ValueCodec codecFor(@Nullable Object value) {
		Resolved current = resolved();
		if (current.declared != null) {
			return current.declared;
		}
		Class<?> type = (value != null) ? value.getClass() : Object.class;
		return current.byRuntimeClass.computeIfAbsent(type, (runtimeType) -> codecFor(current.typeOf(runtimeType)));
	}

	private ValueCodec codecFor(JavaType type) {
		Copier copier = this.customizedMapper ? null : Copiers.forType(type, this.mapper.getTypeFactory());
		return new ValueCodec(this.mapper.writerFor(type), this.mapper.readerFor(type), type, copier);
	}

	/**
	 * Returns the type a value of a runtime class is read back as: the class itself, or for JDK
	 * collection and map implementations that cannot be built (immutable, unmodifiable, views), the
	 * interface they implement.
	 */
	private static Class<?> readableType(Class<?> runtimeType) {
		boolean buildable = Modifier.isPublic(runtimeType.getModifiers())
				&& !Modifier.isAbstract(runtimeType.getModifiers()) && hasPublicNoArgConstructor(runtimeType);
		if (buildable || !runtimeType.getName().startsWith("java.")) {
			return runtimeType;
		}
		if (List.class.isAssignableFrom(runtimeType)) {
			return List.class;
		}
		if (Set.class.isAssignableFrom(runtimeType)) {
			return Set.class;
		}
		if (Collection.class.isAssignableFrom(runtimeType)) {
			return Collection.class;
		}
		if (Map.class.isAssignableFrom(runtimeType)) {
			return Map.class;
		}
		return runtimeType;
	}

	/**
	 * The codecs one list of declared types gives: the declared type's alone when it is the one and it
	 * is precise, else one per runtime class, read back as the one precise declared type it belongs to.
	 */
	private final class Resolved {

		private final List<JavaType> types;

		private final @Nullable ValueCodec declared;

		private final List<JavaType> precise;

		private final Map<Class<?>, ValueCodec> byRuntimeClass = new ConcurrentHashMap<>();

		Resolved(List<JavaType> types) {
			this.types = types;
			List<JavaType> precise = types.stream().filter((type) -> !DataCodec.isVague(type)).toList();
			boolean onlyPrecise = precise.size() == 1 && types.size() == 1;
			this.declared = onlyPrecise ? codecFor(precise.get(0)) : null;
			this.precise = onlyPrecise ? List.of() : precise;
		}

		private JavaType typeOf(Class<?> runtimeType) {
			List<JavaType> matching = this.precise.stream()
				.filter((declaredType) -> ClassUtils.isAssignable(declaredType.getRawClass(), runtimeType))
				.toList();
			return (matching.size() == 1) ? matching.get(0) : ValueCodecs.this.mapper.constructType(readableType(runtimeType));
		}

	}

	private static boolean hasPublicNoArgConstructor(Class<?> type) {
		try {
			return Modifier.isPublic(type.getConstructor().getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
