package io.duocache.key;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import com.dynatrace.hash4j.hashing.HashValue128;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

import io.duocache.DuocacheException;
import io.duocache.ParamHasherException;
import io.duocache.UnhashableParamException;

/**
 * Derives the keys of one cached method: a 128-bit XXH3 hash of the method's identity seed and of
 * the values of its key parameters, written in a canonical, type-tagged byte form. Values with a
 * built-in rule always follow it; {@link io.duocache.ParamHasher}s apply to the other types only, so
 * a hasher's result (a string, a number, a record) is never fed back to the hasher.
 */
public final class KeyHasher {

	/** Containers nested deeper than this are tracked by identity, so that cycles terminate. */
	private static final int TRACKED_DEPTH = 8;

	/** Arguments nested deeper than this are refused instead of overflowing the stack. */
	static final int MAX_DEPTH = 512;

	private static final ThreadLocal<Context> CONTEXTS = ThreadLocal.withInitial(Context::new);

	private static final ClassValue<MethodHandle[]> RECORD_ACCESSORS = new ClassValue<>() {
		@Override
		protected MethodHandle[] computeValue(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			MethodHandle[] accessors = new MethodHandle[components.length];
			for (int i = 0; i < components.length; i++) {
				Method accessor = components[i].getAccessor();
				try {
					accessor.trySetAccessible();
					accessors[i] = MethodHandles.lookup()
						.unreflect(accessor)
						.asType(MethodType.methodType(Object.class, Object.class));
				}
				catch (IllegalAccessException ex) {
					accessors[i] = null;
				}
			}
			return accessors;
		}
	};

	private static final Comparator<HashValue128> HASH_ORDER = Comparator
		.comparingLong(HashValue128::getMostSignificantBits)
		.thenComparingLong(HashValue128::getLeastSignificantBits);

	private final CacheKey seed;

	private final KeyParameter[] parameters;

	private final ParamHashers hashers;

	private final ResourceIdentities resources;

	private final String methodName;

	/**
	 * Creates the key hasher of one method.
	 * @param seed the method's identity (see {@link #seed})
	 * @param parameters the parameters that are part of the key, in order
	 * @param hashers the hashers that apply to the method's arguments
	 * @param resources where resources passed as arguments come from
	 * @param methodName the method as {@code SimpleClassName.methodName}, for messages
	 */
	public KeyHasher(CacheKey seed, List<KeyParameter> parameters, ParamHashers hashers,
			ResourceIdentities resources, String methodName) {
		this.seed = seed;
		this.parameters = parameters.toArray(KeyParameter[]::new);
		this.hashers = hashers;
		this.resources = resources;
		this.methodName = methodName;
	}

	/**
	 * Hashes strings that identify something into a seed (a method's identity, for example).
	 * @param parts the identifying strings, in a fixed order
	 * @return their hash
	 */
	public static CacheKey seed(String... parts) {
		KeySink sink = new KeySink().putInt(parts.length);
		for (String part : parts) {
			sink.putChars(part);
		}
		return CacheKey.of(sink.hash());
	}

	/** Returns how many bytes of buffers the calling thread keeps between calls. */
	static int retainedBufferBytes() {
		return CONTEXTS.get().sink.capacity();
	}

	/**
	 * Returns the key of a call with the given arguments.
	 * @param args all arguments of the call, excluded ones included
	 * @return the key
	 * @throws UnhashableParamException if an argument cannot be hashed
	 * @throws ParamHasherException if a {@link io.duocache.ParamHasher} failed
	 */
	public CacheKey keyFor(@Nullable Object[] args) {
		Context context = CONTEXTS.get();
		if (context.busy) {
			// A ParamHasher called a cached method: hash that call with a context of its own.
			context = new Context();
		}
		context.busy = true;
		try {
			KeySink sink = context.sink.reset().putLong(this.seed.high()).putLong(this.seed.low());
			for (KeyParameter parameter : this.parameters) {
				sink.putInt(parameter.position());
				context.parameterName = parameter.name();
				value(context, sink, args[parameter.position()]);
			}
			return CacheKey.of(sink.hash());
		}
		finally {
			context.finish();
		}
	}


	private void value(Context context, KeySink sink, @Nullable Object value) {
		if (value == null) {
			sink.putByte(ValueKind.NULL.tag);
			return;
		}
		ValueKind kind = ValueKind.of(value.getClass());
		if (kind.scalar) {
			scalar(sink, kind, value);
			return;
		}
		CacheKey origin = this.resources.originOf(value);
		if (origin != null) {
			sink.putByte(ValueKind.RESOURCE.tag).putLong(origin.high()).putLong(origin.low());
			return;
		}
		if (kind == ValueKind.UNKNOWN) {
			ParamHashers.Registration hasher = this.hashers.find(value.getClass());
			if (hasher != null) {
				hashed(context, sink, value, hasher);
				return;
			}
			throw new UnhashableParamException(this.methodName, context.parameterName, value.getClass().getName());
		}
		container(context, sink, kind, value);
	}

	private static void scalar(KeySink sink, ValueKind kind, Object value) {
		sink.putByte(kind.tag);
		switch (kind) {
			case BOOLEAN -> sink.putByte(((Boolean) value) ? 1 : 0);
			case BYTE -> sink.putByte((Byte) value);
			case SHORT -> sink.putInt((Short) value);
			case CHAR -> sink.putInt((Character) value);
			case INT -> sink.putInt((Integer) value);
			case LONG -> sink.putLong((Long) value);
			case FLOAT -> sink.putInt(Float.floatToIntBits((Float) value));
			case DOUBLE -> sink.putLong(Double.doubleToLongBits((Double) value));
			case STRING -> sink.putChars((CharSequence) value);
			case ENUM -> sink.putChars(((Enum<?>) value).getDeclaringClass().getName())
				.putChars(((Enum<?>) value).name());
			case TEMPORAL -> sink.putChars(value.getClass().getName()).putChars(value.toString());
			case DATE -> {
				sink.putChars(value.getClass().getName()).putLong(((Date) value).getTime());
				if (value instanceof Timestamp timestamp) {
					sink.putInt(timestamp.getNanos());
				}
			}
			case UUID -> sink.putLong(((UUID) value).getMostSignificantBits())
				.putLong(((UUID) value).getLeastSignificantBits());
			case BIG_DECIMAL -> sink.putInt(((BigDecimal) value).scale())
				.putBytes(((BigDecimal) value).unscaledValue().toByteArray());
			case BIG_INTEGER -> sink.putBytes(((BigInteger) value).toByteArray());
			case CLASS -> sink.putChars(((Class<?>) value).getName());
			case URI -> sink.putChars(((URI) value).toString());
			case URL -> sink.putChars(((URL) value).toExternalForm());
			case PATH -> sink.putChars(((Path) value).toString());
			case FILE -> sink.putChars(((File) value).getPath());
			case LOCALE -> sink.putChars(((Locale) value).toLanguageTag());
			case CURRENCY -> sink.putChars(((Currency) value).getCurrencyCode());
			case PATTERN -> sink.putChars(((Pattern) value).pattern()).putInt(((Pattern) value).flags());
			case OPTIONAL_INT -> {
				OptionalInt optional = (OptionalInt) value;
				sink.putByte(optional.isPresent() ? 1 : 0).putInt(optional.orElse(0));
			}
			case OPTIONAL_LONG -> {
				OptionalLong optional = (OptionalLong) value;
				sink.putByte(optional.isPresent() ? 1 : 0).putLong(optional.orElse(0));
			}
			case OPTIONAL_DOUBLE -> {
				OptionalDouble optional = (OptionalDouble) value;
				sink.putByte(optional.isPresent() ? 1 : 0).putLong(Double.doubleToLongBits(optional.orElse(0)));
			}
			default -> throw new IllegalStateException("Not a scalar kind: " + kind);
		}
	}

	private void container(Context context, KeySink sink, ValueKind kind, Object value) {
		switch (kind) {
			case BOOLEAN_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putBooleanArray((boolean[]) value).get());
			case BYTE_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putByteArray((byte[]) value).get());
			case SHORT_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putShortArray((short[]) value).get());
			case CHAR_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putCharArray((char[]) value).get());
			case INT_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putIntArray((int[]) value).get());
			case LONG_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putLongArray((long[]) value).get());
			case FLOAT_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putFloatArray((float[]) value).get());
			case DOUBLE_ARRAY -> sink.putByte(kind.tag).putHash(KeySink.XXH3.hashStream().putDoubleArray((double[]) value).get());
			case IDENTITY -> {
				IdentityHasher.Token token = (IdentityHasher.Token) value;
				sink.putByte(kind.tag).putLong(token.salt()).putLong(token.id());
			}
			default -> nested(context, sink, kind, value);
		}
	}

	private void nested(Context context, KeySink sink, ValueKind kind, Object value) {
		checkDepth(context, value);
		int backReference = context.enter(value);
		if (backReference > 0) {
			sink.putByte(ValueKind.BACK_REFERENCE.tag).putInt(backReference);
			return;
		}
		try {
			switch (kind) {
				case OBJECT_ARRAY -> {
					Object[] array = (Object[]) value;
					sink.putByte(kind.tag).putInt(array.length);
					for (Object element : array) {
						value(context, sink, element);
					}
				}
				case LIST -> {
					Collection<?> collection = (Collection<?>) value;
					sink.putByte(kind.tag).putInt(collection.size());
					for (Object element : collection) {
						value(context, sink, element);
					}
				}
				case SET -> unordered(context, sink, kind, (Collection<?>) value, null);
				case MAP -> unordered(context, sink, kind, ((Map<?, ?>) value).keySet(), (Map<?, ?>) value);
				case OPTIONAL -> {
					Optional<?> optional = (Optional<?>) value;
					sink.putByte(kind.tag).putByte(optional.isPresent() ? 1 : 0);
					if (optional.isPresent()) {
						value(context, sink, optional.get());
					}
				}
				case RECORD -> record(context, sink, value);
				case JSON_NODE -> jsonNode(context, sink, (JsonNode) value);
				default -> throw new IllegalStateException("Not a container kind: " + kind);
			}
		}
		finally {
			context.exit(value);
		}
	}

	private void unordered(Context context, KeySink sink, ValueKind kind, Collection<?> elements,
			@Nullable Map<?, ?> map) {
		List<HashValue128> hashes = new ArrayList<>(elements.size());
		for (Object element : elements) {
			KeySink elementSink = new KeySink();
			value(context, elementSink, element);
			if (map != null) {
				value(context, elementSink, map.get(element));
			}
			hashes.add(elementSink.hash());
		}
		hashes.sort(HASH_ORDER);
		sink.putByte(kind.tag).putInt(hashes.size());
		for (HashValue128 hash : hashes) {
			sink.putHash(hash);
		}
	}

	private void record(Context context, KeySink sink, Object value) {
		MethodHandle[] accessors = RECORD_ACCESSORS.get(value.getClass());
		sink.putByte(ValueKind.RECORD.tag).putChars(value.getClass().getName()).putInt(accessors.length);
		for (MethodHandle accessor : accessors) {
			if (accessor == null) {
				throw new DuocacheException("Cannot read the components of record " + value.getClass().getName()
						+ " passed as argument '" + context.parameterName + "' to '" + this.methodName
						+ "'. To fix this, make the record accessible or register a ParamHasher<"
						+ value.getClass().getName() + ">.");
			}
			try {
				value(context, sink, (Object) accessor.invokeExact(value));
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new DuocacheException("Reading a component of record " + value.getClass().getName() + " in '"
						+ this.methodName + "' failed", ex);
			}
		}
	}

	private void jsonNode(Context context, KeySink sink, JsonNode node) {
		checkDepth(context, node);
		context.depth++;
		try {
			jsonNodeContent(context, sink, node);
		}
		finally {
			context.depth--;
		}
	}

	private void jsonNodeContent(Context context, KeySink sink, JsonNode node) {
		sink.putByte(ValueKind.JSON_NODE.tag).putInt(node.getNodeType().ordinal());
		if (node.isObject()) {
			Map<String, JsonNode> properties = new TreeMap<>();
			node.properties().forEach((entry) -> properties.put(entry.getKey(), entry.getValue()));
			sink.putInt(properties.size());
			properties.forEach((name, child) -> {
				sink.putChars(name);
				jsonNode(context, sink, child);
			});
		}
		else if (node.isArray()) {
			sink.putInt(node.size());
			for (JsonNode child : node.values()) {
				jsonNode(context, sink, child);
			}
		}
		else if (node.isNumber()) {
			value(context, sink, node.numberValue());
		}
		else if (node.isBinary()) {
			sink.putBytes(node.binaryValue());
		}
		else if (node.isBoolean()) {
			sink.putByte(node.booleanValue() ? 1 : 0);
		}
		else if (node.isString()) {
			sink.putChars(node.stringValue());
		}
		else if (node.isPojo()) {
			value(context, sink, ((POJONode) node).getPojo());
		}
	}

	private void checkDepth(Context context, Object value) {
		if (context.depth >= MAX_DEPTH) {
			throw new UnhashableParamException(this.methodName, context.parameterName, value.getClass().getName(),
					"it is nested more than " + MAX_DEPTH + " levels deep");
		}
	}

	private void hashed(Context context, KeySink sink, Object value, ParamHashers.Registration registration) {
		Object result;
		try {
			result = registration.hasher().hash(value);
		}
		catch (RuntimeException ex) {
			throw hasherFailure(context, registration, value, ex);
		}
		if (result == value) {
			throw hasherFailure(context, registration, value,
					new IllegalStateException("it returned its own argument, which would hash forever"));
		}
		sink.putByte(ValueKind.HASHED.tag).putChars(value.getClass().getName());
		try {
			value(context, sink, result);
		}
		catch (UnhashableParamException ex) {
			throw hasherFailure(context, registration, value, new IllegalStateException(
					"it returned a value of type " + ex.getTypeName() + ", which is not hashable", ex));
		}
	}

	private ParamHasherException hasherFailure(Context context, ParamHashers.Registration registration, Object value,
			Throwable cause) {
		return new ParamHasherException(registration.hasher().getClass().getName(), this.methodName,
				context.parameterName, value.getClass().getName(), cause);
	}

	/**
	 * A parameter that is part of the key.
	 *
	 * @param position its index in the argument list
	 * @param name its name, for messages
	 */
	public record KeyParameter(int position, String name) {
	}

	/** What one thread needs to hash a call: the buffer, and the containers on the current path. */
	private static final class Context {

		final KeySink sink = new KeySink();

		boolean busy;

		String parameterName = "";

		int depth;

		@Nullable IdentityHashMap<Object, Integer> path;

		/** Returns how far up the path the value already is (a cycle), or 0 after entering it. */
		int enter(Object value) {
			this.depth++;
			if (this.depth <= TRACKED_DEPTH) {
				return 0;
			}
			if (this.path == null) {
				this.path = new IdentityHashMap<>();
			}
			Integer seenAt = this.path.putIfAbsent(value, this.depth);
			if (seenAt != null) {
				this.depth--;
				return this.depth + 1 - seenAt;
			}
			return 0;
		}

		void exit(Object value) {
			if (this.depth > TRACKED_DEPTH && this.path != null) {
				this.path.remove(value);
			}
			this.depth--;
		}

		void finish() {
			this.busy = false;
			this.depth = 0;
			this.sink.trim();
			if (this.path != null) {
				this.path.clear();
			}
		}

	}

}
