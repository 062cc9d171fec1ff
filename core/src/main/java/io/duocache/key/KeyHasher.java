package io.duocache.key;

import java.io.File;
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
import java.util.UUID;
import java.util.regex.Pattern;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.duocache.DuocacheException;
import io.duocache.ParamHasherException;
import io.duocache.UnhashableParamException;

/**
 * Derives the keys of one cached method: a 128-bit XXH3 hash of the method's identity seed and of
 * the values of its key parameters, hashed structurally and type-tagged. Values with a built-in rule
 * always follow it; {@link io.duocache.ParamHasher}s apply to the other types only, so a hasher's
 * result (a string, a number, a record) is never fed back to the hasher.
 */
public final class KeyHasher {

	private static final Hasher128 XXH3 = Hashing.xxh3_128();

	private static final ThreadLocal<ReusableStream> STREAMS = ThreadLocal.withInitial(ReusableStream::new);

	private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
		@Override
		protected Method[] computeValue(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			Method[] accessors = new Method[components.length];
			for (int i = 0; i < components.length; i++) {
				accessors[i] = components[i].getAccessor();
				accessors[i].trySetAccessible();
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
		HashStream128 stream = XXH3.hashStream();
		stream.putInt(parts.length);
		for (String part : parts) {
			stream.putString(part);
		}
		return toKey(stream.get());
	}

	/**
	 * Returns the key of a call with the given arguments.
	 * @param args all arguments of the call, excluded ones included
	 * @return the key
	 * @throws UnhashableParamException if an argument cannot be hashed
	 * @throws ParamHasherException if a {@link io.duocache.ParamHasher} failed
	 */
	public CacheKey keyFor(@Nullable Object[] args) {
		ReusableStream reusable = STREAMS.get();
		if (reusable.busy) {
			return hash(XXH3.hashStream(), args);
		}
		reusable.busy = true;
		try {
			return hash(reusable.stream.reset(), args);
		}
		finally {
			reusable.busy = false;
		}
	}

	private CacheKey hash(HashStream128 stream, @Nullable Object[] args) {
		stream.putLong(this.seed.high()).putLong(this.seed.low());
		for (KeyParameter parameter : this.parameters) {
			stream.putInt(parameter.position());
			new Walk(stream, parameter.name()).value(args[parameter.position()]);
		}
		return toKey(stream.get());
	}

	private static CacheKey toKey(HashValue128 value) {
		return new CacheKey(value.getMostSignificantBits(), value.getLeastSignificantBits());
	}

	/**
	 * A parameter that is part of the key.
	 *
	 * @param position its index in the argument list
	 * @param name its name, for messages
	 */
	public record KeyParameter(int position, String name) {
	}

	private static final class ReusableStream {

		final HashStream128 stream = XXH3.hashStream();

		boolean busy;

	}

	/** Hashes the value of one argument, tracking the containers on the current path. */
	private final class Walk {

		private final HashStream128 stream;

		private final String parameterName;

		private @Nullable IdentityHashMap<Object, Integer> path;

		Walk(HashStream128 stream, String parameterName) {
			this.stream = stream;
			this.parameterName = parameterName;
		}

		private Walk(Walk parent, HashStream128 stream) {
			this.stream = stream;
			this.parameterName = parent.parameterName;
			this.path = parent.path;
		}

		void value(@Nullable Object value) {
			if (value == null) {
				tag(ValueKind.NULL);
				return;
			}
			ValueKind kind = ValueKind.of(value.getClass());
			if (kind.scalar) {
				scalar(kind, value);
				return;
			}
			CacheKey origin = KeyHasher.this.resources.originOf(value);
			if (origin != null) {
				tag(ValueKind.RESOURCE);
				this.stream.putLong(origin.high()).putLong(origin.low());
				return;
			}
			if (kind == ValueKind.UNKNOWN) {
				ParamHashers.Registration hasher = KeyHasher.this.hashers.find(value.getClass());
				if (hasher != null) {
					hashed(value, hasher);
					return;
				}
			}
			container(kind, value);
		}

		private void tag(ValueKind kind) {
			this.stream.putByte((byte) kind.tag);
		}

		private void scalar(ValueKind kind, Object value) {
			tag(kind);
			HashStream128 s = this.stream;
			switch (kind) {
				case BOOLEAN -> s.putBoolean((Boolean) value);
				case BYTE -> s.putByte((Byte) value);
				case SHORT -> s.putShort((Short) value);
				case CHAR -> s.putChar((Character) value);
				case INT -> s.putInt((Integer) value);
				case LONG -> s.putLong((Long) value);
				case FLOAT -> s.putInt(Float.floatToIntBits((Float) value));
				case DOUBLE -> s.putLong(Double.doubleToLongBits((Double) value));
				case STRING -> s.putInt(((CharSequence) value).length()).putChars((CharSequence) value);
				case ENUM -> s.putString(((Enum<?>) value).getDeclaringClass().getName())
					.putString(((Enum<?>) value).name());
				case TEMPORAL -> s.putString(value.getClass().getName()).putString(value.toString());
				case DATE -> {
					s.putString(value.getClass().getName()).putLong(((Date) value).getTime());
					if (value instanceof Timestamp timestamp) {
						s.putInt(timestamp.getNanos());
					}
				}
				case UUID -> s.putUUID((UUID) value);
				case BIG_DECIMAL -> s.putInt(((BigDecimal) value).scale())
					.putByteArray(((BigDecimal) value).unscaledValue().toByteArray());
				case BIG_INTEGER -> s.putByteArray(((BigInteger) value).toByteArray());
				case CLASS -> s.putString(((Class<?>) value).getName());
				case URI -> s.putString(((URI) value).toString());
				case URL -> s.putString(((URL) value).toExternalForm());
				case PATH -> s.putString(((Path) value).toString());
				case FILE -> s.putString(((File) value).getPath());
				case LOCALE -> s.putString(((Locale) value).toLanguageTag());
				case CURRENCY -> s.putString(((Currency) value).getCurrencyCode());
				case PATTERN -> s.putString(((Pattern) value).pattern()).putInt(((Pattern) value).flags());
				case OPTIONAL_INT -> s.putOptionalInt((OptionalInt) value);
				case OPTIONAL_LONG -> s.putOptionalLong((OptionalLong) value);
				case OPTIONAL_DOUBLE -> s.putOptionalDouble((OptionalDouble) value);
				default -> throw new IllegalStateException("Not a scalar kind: " + kind);
			}
		}

		private void container(ValueKind kind, Object value) {
			switch (kind) {
				case BOOLEAN_ARRAY -> tagged(kind).putBooleanArray((boolean[]) value);
				case BYTE_ARRAY -> tagged(kind).putByteArray((byte[]) value);
				case SHORT_ARRAY -> tagged(kind).putShortArray((short[]) value);
				case CHAR_ARRAY -> tagged(kind).putCharArray((char[]) value);
				case INT_ARRAY -> tagged(kind).putIntArray((int[]) value);
				case LONG_ARRAY -> tagged(kind).putLongArray((long[]) value);
				case FLOAT_ARRAY -> tagged(kind).putFloatArray((float[]) value);
				case DOUBLE_ARRAY -> tagged(kind).putDoubleArray((double[]) value);
				case IDENTITY -> {
					tag(kind);
					IdentityHasher.Token token = (IdentityHasher.Token) value;
					this.stream.putLong(token.salt()).putLong(token.id());
				}
				case UNKNOWN -> throw new UnhashableParamException(KeyHasher.this.methodName, this.parameterName,
						value.getClass().getName());
				default -> nested(kind, value);
			}
		}

		private HashStream128 tagged(ValueKind kind) {
			tag(kind);
			return this.stream;
		}

		private void nested(ValueKind kind, Object value) {
			IdentityHashMap<Object, Integer> onPath = (this.path != null) ? this.path : (this.path = new IdentityHashMap<>());
			Integer depth = onPath.get(value);
			if (depth != null) {
				tagged(ValueKind.BACK_REFERENCE).putInt(onPath.size() - depth);
				return;
			}
			onPath.put(value, onPath.size());
			try {
				switch (kind) {
					case OBJECT_ARRAY -> {
						Object[] array = (Object[]) value;
						tagged(kind).putInt(array.length);
						for (Object element : array) {
							value(element);
						}
					}
					case LIST -> {
						Collection<?> collection = (Collection<?>) value;
						tagged(kind).putInt(collection.size());
						for (Object element : collection) {
							value(element);
						}
					}
					case SET -> unordered(kind, (Collection<?>) value, null);
					case MAP -> unordered(kind, ((Map<?, ?>) value).keySet(), (Map<?, ?>) value);
					case OPTIONAL -> {
						Optional<?> optional = (Optional<?>) value;
						tagged(kind).putBoolean(optional.isPresent());
						if (optional.isPresent()) {
							value(optional.get());
						}
					}
					case RECORD -> record(value);
					case JSON_NODE -> jsonNode((JsonNode) value);
					default -> throw new IllegalStateException("Not a container kind: " + kind);
				}
			}
			finally {
				onPath.remove(value);
			}
		}

		private void unordered(ValueKind kind, Collection<?> elements, @Nullable Map<?, ?> map) {
			List<HashValue128> hashes = new ArrayList<>(elements.size());
			for (Object element : elements) {
				HashStream128 elementStream = XXH3.hashStream();
				Walk elementWalk = new Walk(this, elementStream);
				elementWalk.value(element);
				if (map != null) {
					elementWalk.value(map.get(element));
				}
				hashes.add(elementStream.get());
			}
			hashes.sort(HASH_ORDER);
			tagged(kind).putInt(hashes.size());
			for (HashValue128 hash : hashes) {
				this.stream.putLong(hash.getMostSignificantBits()).putLong(hash.getLeastSignificantBits());
			}
		}

		private void record(Object value) {
			Method[] accessors = RECORD_ACCESSORS.get(value.getClass());
			tagged(ValueKind.RECORD).putString(value.getClass().getName()).putInt(accessors.length);
			for (Method accessor : accessors) {
				try {
					value(accessor.invoke(value));
				}
				catch (ReflectiveOperationException ex) {
					throw new DuocacheException("Cannot read component '" + accessor.getName() + "' of record "
							+ value.getClass().getName() + " passed as argument '" + this.parameterName + "' to '"
							+ KeyHasher.this.methodName + "'. To fix this, make the record accessible or register a "
							+ "ParamHasher<" + value.getClass().getName() + ">.", ex);
				}
			}
		}

		private void jsonNode(JsonNode node) {
			tagged(ValueKind.JSON_NODE).putInt(node.getNodeType().ordinal());
			if (node.isObject()) {
				Map<String, JsonNode> properties = new java.util.TreeMap<>();
				node.properties().forEach((entry) -> properties.put(entry.getKey(), entry.getValue()));
				this.stream.putInt(properties.size());
				properties.forEach((name, child) -> {
					this.stream.putString(name);
					jsonNode(child);
				});
			}
			else if (node.isArray()) {
				this.stream.putInt(node.size());
				for (JsonNode child : node.values()) {
					jsonNode(child);
				}
			}
			else if (node.isNumber()) {
				value(node.numberValue());
			}
			else if (node.isBinary()) {
				this.stream.putByteArray(node.binaryValue());
			}
			else if (node.isBoolean()) {
				this.stream.putBoolean(node.booleanValue());
			}
			else if (node.isString()) {
				this.stream.putString(node.stringValue());
			}
			else if (node.isPojo()) {
				value(((tools.jackson.databind.node.POJONode) node).getPojo());
			}
		}

		private void hashed(Object value, ParamHashers.Registration registration) {
			Object result;
			try {
				result = registration.hasher().hash(value);
			}
			catch (RuntimeException ex) {
				throw hasherFailure(registration, value, ex);
			}
			if (result == value) {
				throw hasherFailure(registration, value,
						new IllegalStateException("it returned its own argument, which would hash forever"));
			}
			tagged(ValueKind.HASHED).putString(value.getClass().getName());
			try {
				value(result);
			}
			catch (UnhashableParamException ex) {
				throw hasherFailure(registration, value, new IllegalStateException(
						"it returned a value of type " + ex.getTypeName() + ", which is not hashable", ex));
			}
		}

		private ParamHasherException hasherFailure(ParamHashers.Registration registration, Object value,
				Throwable cause) {
			return new ParamHasherException(registration.hasher().getClass().getName(), KeyHasher.this.methodName,
					this.parameterName, value.getClass().getName(), cause);
		}

	}

}
