package io.duocache.data;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * How values of one type are written and read back, how they are copied, and the runtime classes
 * whose round trip was verified: a subclass of the type gets its own check, since writing it as the
 * type would lose what the subclass adds.
 */
final class ValueCodec {

	final ObjectWriter writer;

	final ObjectReader reader;

	final JavaType type;

	/** How values are copied without Smile, or {@code null}; turned off if it ever copies wrong. */
	volatile @Nullable Copier copier;

	final Set<Class<?>> verifiedTypes = ConcurrentHashMap.newKeySet();

	ValueCodec(ObjectWriter writer, ObjectReader reader, JavaType type, @Nullable Copier copier) {
		this.writer = writer;
		this.reader = reader;
		this.type = type;
		this.copier = copier;
	}

}
