package io.duocache.key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The canonical bytes of a key, written little-endian into a reusable buffer and hashed in one
 * pass with XXH3-128 (one-shot hashing of a short buffer is several times faster than streaming).
 */
final class KeySink {

	static final Hasher128 XXH3 = Hashing.xxh3_128();

	private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle CHARS = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final int INITIAL_BYTES = 256;

	private static final int INITIAL_CHARS = 64;

	/** Buffers grown past this (by a large argument) are dropped after use, not kept by the thread. */
	static final int RETAINED_BYTES = 64 * 1024;

	private byte[] buffer = new byte[INITIAL_BYTES];

	private int length;

	private char[] chars = new char[INITIAL_CHARS];

	/** Lets go of buffers that a large argument grew, so a thread keeps at most a modest size. */
	void trim() {
		if (this.buffer.length > RETAINED_BYTES) {
			this.buffer = new byte[INITIAL_BYTES];
		}
		if (this.chars.length * 2 > RETAINED_BYTES) {
			this.chars = new char[INITIAL_CHARS];
		}
	}

	int capacity() {
		return this.buffer.length + 2 * this.chars.length;
	}

	KeySink reset() {
		this.length = 0;
		return this;
	}

	private void ensure(int more) {
		if (this.length + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
		}
	}

	KeySink putByte(int value) {
		ensure(1);
		this.buffer[this.length++] = (byte) value;
		return this;
	}

	KeySink putInt(int value) {
		ensure(4);
		INTS.set(this.buffer, this.length, value);
		this.length += 4;
		return this;
	}

	KeySink putLong(long value) {
		ensure(8);
		LONGS.set(this.buffer, this.length, value);
		this.length += 8;
		return this;
	}

	/** Writes the length, then each UTF-16 unit. */
	KeySink putChars(CharSequence chars) {
		int count = chars.length();
		ensure(4 + 2 * count);
		INTS.set(this.buffer, this.length, count);
		int at = this.length + 4;
		if (chars instanceof String string) {
			if (this.chars.length < count) {
				this.chars = new char[count];
			}
			string.getChars(0, count, this.chars, 0);
			for (int i = 0; i < count; i++, at += 2) {
				CHARS.set(this.buffer, at, this.chars[i]);
			}
		}
		else {
			for (int i = 0; i < count; i++, at += 2) {
				CHARS.set(this.buffer, at, chars.charAt(i));
			}
		}
		this.length = at;
		return this;
	}

	/** Writes a 128-bit digest, for values hashed on their own (large arrays, set elements). */
	KeySink putHash(HashValue128 hash) {
		return putLong(hash.getLeastSignificantBits()).putLong(hash.getMostSignificantBits());
	}

	KeySink putBytes(byte[] bytes) {
		ensure(4 + bytes.length);
		putInt(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.length, bytes.length);
		this.length += bytes.length;
		return this;
	}

	HashValue128 hash() {
		return XXH3.hashBytesTo128Bits(this.buffer, 0, this.length);
	}

}
