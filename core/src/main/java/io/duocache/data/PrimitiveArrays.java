package io.duocache.data;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes numeric primitive arrays as their element count followed by one raw binary value
 * (little-endian), streamed straight from and into the arrays, so that large numeric payloads copy
 * at close to memory bandwidth instead of number by number.
 */
final class PrimitiveArrays {

	private static final int CHUNK = 64 * 1024;

	private PrimitiveArrays() {
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("duocache-primitive-arrays");
		register(module, new Codec<>(double[].class, Double.BYTES) {
			int length(double[] array) {
				return array.length;
			}

			double[] create(int length) {
				return new double[length];
			}

			void read(ByteBuffer source, double[] target, int offset, int count) {
				source.asDoubleBuffer().get(target, offset, count);
			}

			void write(double[] source, int offset, int count, ByteBuffer target) {
				target.asDoubleBuffer().put(source, offset, count);
			}
		});
		register(module, new Codec<>(long[].class, Long.BYTES) {
			int length(long[] array) {
				return array.length;
			}

			long[] create(int length) {
				return new long[length];
			}

			void read(ByteBuffer source, long[] target, int offset, int count) {
				source.asLongBuffer().get(target, offset, count);
			}

			void write(long[] source, int offset, int count, ByteBuffer target) {
				target.asLongBuffer().put(source, offset, count);
			}
		});
		register(module, new Codec<>(int[].class, Integer.BYTES) {
			int length(int[] array) {
				return array.length;
			}

			int[] create(int length) {
				return new int[length];
			}

			void read(ByteBuffer source, int[] target, int offset, int count) {
				source.asIntBuffer().get(target, offset, count);
			}

			void write(int[] source, int offset, int count, ByteBuffer target) {
				target.asIntBuffer().put(source, offset, count);
			}
		});
		register(module, new Codec<>(float[].class, Float.BYTES) {
			int length(float[] array) {
				return array.length;
			}

			float[] create(int length) {
				return new float[length];
			}

			void read(ByteBuffer source, float[] target, int offset, int count) {
				source.asFloatBuffer().get(target, offset, count);
			}

			void write(float[] source, int offset, int count, ByteBuffer target) {
				target.asFloatBuffer().put(source, offset, count);
			}
		});
		register(module, new Codec<>(short[].class, Short.BYTES) {
			int length(short[] array) {
				return array.length;
			}

			short[] create(int length) {
				return new short[length];
			}

			void read(ByteBuffer source, short[] target, int offset, int count) {
				source.asShortBuffer().get(target, offset, count);
			}

			void write(short[] source, int offset, int count, ByteBuffer target) {
				target.asShortBuffer().put(source, offset, count);
			}
		});
		return module;
	}

	private static <A> void register(SimpleModule module, Codec<A> codec) {
		module.addSerializer(codec.type, new ValueSerializer<A>() {
			@Override
			public void serialize(A value, JsonGenerator generator, SerializationContext context) {
				int length = codec.length(value);
				generator.writeStartArray(value, 2);
				generator.writeNumber(length);
				generator.writeBinary(new ArrayInputStream<>(codec, value, length), length * codec.elementBytes);
				generator.writeEndArray();
			}
		});
		module.addDeserializer(codec.type, new ValueDeserializer<A>() {
			@Override
			public A deserialize(JsonParser parser, DeserializationContext context) {
				if (!parser.isExpectedStartArrayToken() || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
					return codec.type.cast(context.handleUnexpectedToken(codec.type, parser));
				}
				A array = codec.create(parser.getIntValue());
				parser.nextToken();
				parser.readBinaryValue(new ArrayOutputStream<>(codec, array));
				if (parser.nextToken() != JsonToken.END_ARRAY) {
					return codec.type.cast(context.handleUnexpectedToken(codec.type, parser));
				}
				return array;
			}
		});
	}

	/** Moves elements of one primitive array type to and from little-endian bytes. */
	private abstract static class Codec<A> {

		final Class<A> type;

		final int elementBytes;

		Codec(Class<A> type, int elementBytes) {
			this.type = type;
			this.elementBytes = elementBytes;
		}

		abstract int length(A array);

		abstract A create(int length);

		abstract void read(ByteBuffer source, A target, int offset, int count);

		abstract void write(A source, int offset, int count, ByteBuffer target);

	}

	/** Reads an array's elements as little-endian bytes, a chunk at a time. */
	private static final class ArrayInputStream<A> extends InputStream {

		private final Codec<A> codec;

		private final A array;

		private final int length;

		private final ByteBuffer chunk;

		private int element;

		ArrayInputStream(Codec<A> codec, A array, int length) {
			this.codec = codec;
			this.array = array;
			this.length = length;
			this.chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN).limit(0);
		}

		private boolean fill() {
			if (this.chunk.hasRemaining()) {
				return true;
			}
			int count = Math.min(this.length - this.element, CHUNK / this.codec.elementBytes);
			if (count == 0) {
				return false;
			}
			this.chunk.clear();
			this.codec.write(this.array, this.element, count, this.chunk);
			this.chunk.limit(count * this.codec.elementBytes);
			this.element += count;
			return true;
		}

		@Override
		public int read() {
			return fill() ? this.chunk.get() & 0xFF : -1;
		}

		@Override
		public int read(byte[] target, int offset, int count) {
			if (count == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int read = Math.min(count, this.chunk.remaining());
			this.chunk.get(target, offset, read);
			return read;
		}

	}

	/** Writes little-endian bytes into an array's elements, carrying partial elements over. */
	private static final class ArrayOutputStream<A> extends OutputStream {

		private final Codec<A> codec;

		private final A array;

		private final ByteBuffer carry;

		private int element;

		ArrayOutputStream(Codec<A> codec, A array) {
			this.codec = codec;
			this.array = array;
			this.carry = ByteBuffer.allocate(codec.elementBytes).order(ByteOrder.LITTLE_ENDIAN);
		}

		@Override
		public void write(int value) {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int count) {
			int size = this.codec.elementBytes;
			while (this.carry.position() > 0 && count > 0) {
				this.carry.put(bytes[offset++]);
				count--;
				if (!this.carry.hasRemaining()) {
					this.carry.flip();
					this.codec.read(this.carry, this.array, this.element++, 1);
					this.carry.clear();
				}
			}
			int whole = count / size;
			if (whole > 0) {
				this.codec.read(ByteBuffer.wrap(bytes, offset, whole * size).slice().order(ByteOrder.LITTLE_ENDIAN),
						this.array, this.element, whole);
				this.element += whole;
				offset += whole * size;
				count -= whole * size;
			}
			if (count > 0) {
				this.carry.put(bytes, offset, count);
			}
		}

	}

}
