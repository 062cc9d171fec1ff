package io.duocache.data;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The codecs of one data cache: one for the declared return type when it is precise (made at
 * startup), else one per runtime class of the values met.
 */
final class ValueCodecs {

	private final ObjectMapper mapper;

	/** Whether the application changed how Jackson maps values, which a copy plan cannot know. */
	private final boolean customizedMapper;

	private final @Nullable ValueCodec declared;

	private final Map<Class<?>, ValueCodec> byRuntimeClass = new ConcurrentHashMap<>();

	ValueCodecs(DataCodec codec, @Nullable JavaType declaredType) {
		this.mapper = codec.mapper();
		this.customizedMapper = codec.isCustomized();
		this.declared = (declaredType != null && !DataCodec.isVague(declaredType)) ? codecFor(declaredType) : null;
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	/** The codec of the declared type, which entries kept in a store are read back with, or {@code null}. */
	@Nullable ValueCodec declared() {
		return this.declared;
	}

	ValueCodec codecFor(@Nullable Object value) {
		if (this.declared != null) {
			return this.declared;
		}
		Class<?> type = (value != null) ? value.getClass() : Object.class;
		return this.byRuntimeClass.computeIfAbsent(type,
				(runtimeType) -> codecFor(this.mapper.constructType(readableType(runtimeType))));
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

	private static boolean hasPublicNoArgConstructor(Class<?> type) {
		try {
			return Modifier.isPublic(type.getConstructor().getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
