package io.duocache.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.StoredEntry;

/**
 * Where the Redis store keeps what, and how an entry's value is laid out: a cache's keys share the
 * prefix {@code <key-prefix>{<cache>}:} (its generation, sequence, entries, versions and leases), an
 * entry lives under its cache's generation, and its value is an HMAC-SHA256 signature over the entry's
 * key and encoded entry, followed by that encoded entry.
 */
final class RedisLayout {

	private static final int SIGNATURE_BYTES = EntrySigner.SIGNATURE_BYTES;

	private final String keyPrefix;

	private final EntrySigner signer;

	RedisLayout(String keyPrefix, EntrySigner signer) {
		this.keyPrefix = keyPrefix;
		this.signer = signer;
	}

	/** The prefix of every key of a cache. */
	String base(String cacheName) {
		return this.keyPrefix + "{" + cacheName + "}:";
	}

	/** The key of a cache's generation, which a clear increments. */
	String generation(String cacheName) {
		return base(cacheName) + "generation";
	}

	/** The key of a cache's invalidation sequence. */
	String sequence(String cacheName) {
		return base(cacheName) + "sequence";
	}

	/** The key of an entry in one generation of its cache. */
	String entry(String cacheName, String generation, CacheKey key) {
		return base(cacheName) + generation + ":" + key.toHex();
	}

	/** The key of the lease of one entry. */
	String lease(String cacheName, CacheKey key) {
		return base(cacheName) + "lease:" + key.toHex();
	}

	/** The channel every instance publishes and hears invalidations on. */
	String channel() {
		return this.keyPrefix + "invalidations";
	}

	/** The bytes stored under an entry's key for an entry. */
	byte[] value(String entryKey, CacheKey key, StoredEntry entry) {
		byte[] encoded = EntryFormat.encode(key, entry);
		byte[] value = new byte[SIGNATURE_BYTES + encoded.length];
		System.arraycopy(this.signer.sign(bytes(entryKey), ByteBuffer.wrap(encoded)), 0, value, 0, SIGNATURE_BYTES);
		System.arraycopy(encoded, 0, value, SIGNATURE_BYTES, encoded.length);
		return value;
	}

	/** How many bytes the value of an entry with this many encoded bytes takes. */
	static long valueLength(long encodedLength) {
		return SIGNATURE_BYTES + encodedLength;
	}

	/**
	 * Reads the entry of a value stored under an entry's key, checking its signature first.
	 * @throws CorruptEntryException if the signature does not match or the entry does not decode
	 */
	StoredEntry entry(String entryKey, CacheKey key, byte[] value) {
		if (value.length < SIGNATURE_BYTES || !this.signer.verifies(Arrays.copyOf(value, SIGNATURE_BYTES),
				bytes(entryKey), ByteBuffer.wrap(value, SIGNATURE_BYTES, value.length - SIGNATURE_BYTES))) {
			throw new CorruptEntryException(entryKey + ": signature does not match");
		}
		try {
			return EntryFormat.decode(key, Arrays.copyOfRange(value, SIGNATURE_BYTES, value.length));
		}
		catch (CorruptEntryException ex) {
			throw new CorruptEntryException(entryKey + ": " + ex.getMessage());
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(Object value) {
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
	}

}
