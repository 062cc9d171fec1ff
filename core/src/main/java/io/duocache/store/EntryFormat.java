package io.duocache.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;

/**
 * How a data entry is kept outside memory, by every store: a fixed header (magic, format version,
 * key, written-at, expires-at, payload length), the Smile bytes, and a CRC32C checksum over both
 * (computed by the CPU's own instruction where it has one, so a large entry verifies at memory speed).
 * Anything that does not read back exactly is a {@link CorruptEntryException}.
 */
public final class EntryFormat {

	/** Bytes before the payload. */
	public static final int HEADER_BYTES = 48;

	/** Bytes after the payload. */
	public static final int TRAILER_BYTES = 8;

	private static final int MAGIC = 0x44554F43;

	private static final byte VERSION = 1;

	private static final long NO_EXPIRY = -1;

	private EntryFormat() {
	}

	/**
	 * Returns the header of an entry, ready to be written.
	 * @param key the entry's key
	 * @param entry the entry
	 * @return the header
	 */
	public static ByteBuffer header(CacheKey key, StoredEntry entry) {
		ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		header.putInt(MAGIC).put(VERSION).put((byte) 0).putShort((short) 0);
		header.putLong(key.high()).putLong(key.low());
		header.putLong(entry.writtenAt().toEpochMilli());
		header.putLong((entry.expiresAt() != null) ? entry.expiresAt().toEpochMilli() : NO_EXPIRY);
		header.putInt(entry.bytes().length).putInt(0);
		return header.flip();
	}

	/**
	 * Returns the checksum trailer of an entry, ready to be written.
	 * @param header the entry's header
	 * @param payload the entry's bytes
	 * @return the trailer
	 */
	public static ByteBuffer trailer(ByteBuffer header, byte[] payload) {
		return ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(checksum(header, payload)).flip();
	}

	/**
	 * Returns an entry as one array: header, payload, trailer.
	 * @param key the entry's key
	 * @param entry the entry
	 * @return the encoded entry
	 */
	public static byte[] encode(CacheKey key, StoredEntry entry) {
		ByteBuffer header = header(key, entry);
		byte[] payload = entry.bytes();
		return ByteBuffer.allocate(HEADER_BYTES + payload.length + TRAILER_BYTES)
			.put(header.duplicate())
			.put(payload)
			.put(trailer(header, payload))
			.array();
	}

	/**
	 * Reads an entry encoded by {@link #encode}, checking everything about it.
	 * @param key the key it must have been written under
	 * @param encoded the encoded entry
	 * @return the entry
	 * @throws CorruptEntryException if it does not read back exactly
	 */
	public static StoredEntry decode(CacheKey key, byte[] encoded) {
		ByteBuffer all = ByteBuffer.wrap(encoded);
		if (encoded.length < HEADER_BYTES + TRAILER_BYTES) {
			throw new CorruptEntryException("truncated: " + encoded.length + " bytes");
		}
		ByteBuffer header = all.slice(0, HEADER_BYTES);
		Header read = readHeader(header, key, encoded.length);
		byte[] payload = new byte[read.payloadLength()];
		all.get(HEADER_BYTES, payload);
		verify(header, payload, all.slice(HEADER_BYTES + payload.length, TRAILER_BYTES));
		return new StoredEntry(payload, read.writtenAt(), read.expiresAt());
	}

	/**
	 * Reads an entry encoded by {@link #encode} from part of an array whose authenticity was checked
	 * already (a verified signature covers it): the header is checked, the payload copied out once,
	 * the checksum left alone.
	 * @param key the key it must have been written under
	 * @param value the array
	 * @param offset where the encoded entry starts in it
	 * @return the entry
	 * @throws CorruptEntryException if it is not an entry of this format and key
	 */
	public static StoredEntry decodeAuthenticated(CacheKey key, byte[] value, int offset) {
		int length = value.length - offset;
		if (length < HEADER_BYTES + TRAILER_BYTES) {
			throw new CorruptEntryException("truncated: " + length + " bytes");
		}
		Header read = readHeader(ByteBuffer.wrap(value, offset, HEADER_BYTES).slice(), key, length);
		byte[] payload = new byte[read.payloadLength()];
		System.arraycopy(value, offset + HEADER_BYTES, payload, 0, payload.length);
		return new StoredEntry(payload, read.writtenAt(), read.expiresAt());
	}

	/**
	 * Reads a header.
	 * @param header the first {@link #HEADER_BYTES} bytes of an entry
	 * @param expectedKey the key the entry must have been written under, or {@code null} to accept any
	 * @param available the bytes the entry has in all, to check the payload length against
	 * @return what the header says
	 * @throws CorruptEntryException if it is not the header of an entry of this format and key
	 */
	public static Header readHeader(ByteBuffer header, @Nullable CacheKey expectedKey, long available) {
		ByteBuffer in = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		if (in.remaining() < HEADER_BYTES || in.getInt() != MAGIC) {
			throw new CorruptEntryException("not an entry of this format");
		}
		byte version = in.get();
		if (version != VERSION) {
			throw new CorruptEntryException("entry format version " + version + ", expected " + VERSION);
		}
		in.position(8);
		CacheKey key = new CacheKey(in.getLong(), in.getLong());
		if (expectedKey != null && !expectedKey.equals(key)) {
			throw new CorruptEntryException("written under another key");
		}
		long writtenAt = in.getLong();
		long expiresAt = in.getLong();
		int length = in.getInt();
		if (length < 0 || HEADER_BYTES + (long) length + TRAILER_BYTES != available) {
			throw new CorruptEntryException("truncated or padded: " + available + " bytes for a payload of " + length);
		}
		return new Header(key, Instant.ofEpochMilli(writtenAt),
				(expiresAt != NO_EXPIRY) ? Instant.ofEpochMilli(expiresAt) : null, length);
	}

	/**
	 * Checks an entry's checksum.
	 * @param header the entry's header
	 * @param payload the entry's bytes
	 * @param trailer the entry's trailer
	 * @throws CorruptEntryException if the checksum does not match
	 */
	public static void verify(ByteBuffer header, byte[] payload, ByteBuffer trailer) {
		long expected = trailer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong();
		if (checksum(header, payload) != expected) {
			throw new CorruptEntryException("checksum mismatch");
		}
	}

	private static long checksum(ByteBuffer header, byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(header.duplicate());
		crc.update(payload);
		return crc.getValue();
	}

	/**
	 * What an entry's header says.
	 *
	 * @param key the key it was written under
	 * @param writtenAt when its value was computed
	 * @param expiresAt when it stops being valid, or {@code null} for never
	 * @param payloadLength the length of its Smile bytes
	 */
	public record Header(CacheKey key, Instant writtenAt, @Nullable Instant expiresAt, int payloadLength) {

		/**
		 * Returns whether the entry is past its expiry at the given instant.
		 * @param now the instant to compare with
		 * @return whether it has expired
		 */
		public boolean isExpiredAt(Instant now) {
			return this.expiresAt != null && !now.isBefore(this.expiresAt);
		}

	}

}
