package io.duocache.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes numeric primitive arrays as one raw binary value (little-endian), so that large numeric
 * payloads copy at close to memory bandwidth instead of number by number.
 */
final class PrimitiveArrays {

	private PrimitiveArrays() {
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("duocache-primitive-arrays");
		register(module, int[].class, Integer.BYTES, (a) -> a.length, (b, a) -> b.asIntBuffer().put(a),
				(b) -> {
					int[] a = new int[b.remaining() / Integer.BYTES];
					b.asIntBuffer().get(a);
					return a;
				});
		register(module, long[].class, Long.BYTES, (a) -> a.length, (b, a) -> b.asLongBuffer().put(a),
				(b) -> {
					long[] a = new long[b.remaining() / Long.BYTES];
					b.asLongBuffer().get(a);
					return a;
				});
		register(module, double[].class, Double.BYTES, (a) -> a.length, (b, a) -> b.asDoubleBuffer().put(a),
				(b) -> {
					double[] a = new double[b.remaining() / Double.BYTES];
					b.asDoubleBuffer().get(a);
					return a;
				});
		register(module, float[].class, Float.BYTES, (a) -> a.length, (b, a) -> b.asFloatBuffer().put(a),
				(b) -> {
					float[] a = new float[b.remaining() / Float.BYTES];
					b.asFloatBuffer().get(a);
					return a;
				});
		register(module, short[].class, Short.BYTES, (a) -> a.length, (b, a) -> b.asShortBuffer().put(a),
				(b) -> {
					short[] a = new short[b.remaining() / Short.BYTES];
					b.asShortBuffer().get(a);
					return a;
				});
		return module;
	}

	private static <A> void register(SimpleModule module, Class<A> type, int elementBytes, ToIntFunction<A> length,
			BiConsumer<ByteBuffer, A> encode, Function<ByteBuffer, A> decode) {
		module.addSerializer(type, new ValueSerializer<A>() {
			@Override
			public void serialize(A value, JsonGenerator generator, SerializationContext context) {
				byte[] bytes = new byte[length.applyAsInt(value) * elementBytes];
				encode.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), value);
				generator.writeBinary(bytes);
			}
		});
		module.addDeserializer(type, new ValueDeserializer<A>() {
			@Override
			public A deserialize(JsonParser parser, DeserializationContext context) {
				if (parser.currentToken() != JsonToken.VALUE_EMBEDDED_OBJECT
						&& parser.currentToken() != JsonToken.VALUE_STRING) {
					return type.cast(context.handleUnexpectedToken(type, parser));
				}
				byte[] bytes = parser.getBinaryValue();
				return decode.apply(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
			}
		});
	}

}
