package io.duocache.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.StoredEntry;
import io.duocache.store.UnknownSigningKeyException;

/**
 * Where the Redis store keeps what, and how an entry's value is laid out. A cache's generation and
 * invalidation sequence share the hash tag of the cache ({@code <key-prefix>{<cache>}:generation}),
 * touched only by clears, invalidations and the occasional check of the generation. Every entry has a
 * hash tag of its own, its key's hex, so on a Redis Cluster the entries of one cache spread over every
 * slot; the entry ({@code <key-prefix><cache>:<generation>:{<key>}}), its version and its lease share
 * that tag, so a script can touch them together. A value is an HMAC-SHA256 signature over the entry's
 * Redis key and encoded entry, followed by that encoded entry.
 */
final class RedisLayout {

	private static final int SIGNATURE_BYTES = EntrySigner.SIGNATURE_BYTES;

	private final String keyPrefix;

	private final EntrySigner signer;

	RedisLayout(String keyPrefix, EntrySigner signer) {
		this.keyPrefix = keyPrefix;
		this.signer = signer;
	}

	/** The key of a cache's generation, which a clear increments. */
	String generation(String cacheName) {
		return this.keyPrefix + "{" + cacheName + "}:generation";
	}

	/** The key of a cache's invalidation sequence, in the generation's slot. */
	String sequence(String cacheName) {
		return this.keyPrefix + "{" + cacheName + "}:sequence";
	}

	/** The key of an entry in one generation of its cache. */
	String entry(String cacheName, long generation, CacheKey key) {
		return this.keyPrefix + cacheName + ":" + generation + ":{" + key.toHex() + "}";
	}

	/** The pattern that matches every entry of one generation of a cache, for {@code SCAN}. */
	String entries(String cacheName, long generation) {
		return escape(this.keyPrefix + cacheName + ":" + generation + ":") + "{*}";
	}

	/** The key of an entry's version, which a removal increments; in the entry's slot. */
	String version(String cacheName, CacheKey key) {
		return this.keyPrefix + cacheName + ":{" + key.toHex() + "}:version";
	}

	/** The key of the lease of one entry; in the entry's slot. */
	String lease(String cacheName, CacheKey key) {
		return this.keyPrefix + cacheName + ":{" + key.toHex() + "}:lease";
	}

	/** What this instance's own maps (what reads saw, removal versions) know an entry by. */
	static String local(String cacheName, CacheKey key) {
		return cacheName + '\u0000' + key.toHex();
	}

	/** The key of the shared change log's position, in the log's slot. */
	String changePosition() {
		return this.keyPrefix + "{changes}:position";
	}

	/** The key of the shared change log's latest changes. */
	String changeLog() {
		return this.keyPrefix + "{changes}:log";
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
	 * Reads the entry of a value stored under an entry's key: the signature is checked over the value
	 * in place, then the entry decoded once (the signature covers its checksum).
	 * @throws CorruptEntryException if the signature does not match or the entry does not decode
	 * @throws UnknownSigningKeyException if the entry was sealed with a key this instance does not know
	 */
	StoredEntry entry(String entryKey, CacheKey key, byte[] value) {
		EntrySigner.Verdict verdict = this.signer.checkSigned(value, bytes(entryKey));
		if (verdict == EntrySigner.Verdict.UNKNOWN_KEY) {
			throw new UnknownSigningKeyException(entryKey + ": sealed with a signing key this instance does not know");
		}
		if (verdict != EntrySigner.Verdict.VALID) {
			throw new CorruptEntryException(entryKey + ": signature does not match");
		}
		try {
			return EntryFormat.decodeAuthenticated(key, value, SIGNATURE_BYTES);
		}
		catch (CorruptEntryException ex) {
			throw new CorruptEntryException(entryKey + ": " + ex.getMessage());
		}
	}

	private static String escape(String pattern) {
		return pattern.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(Object value) {
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	static long number(@Nullable Object value) {
		if (value == null) {
			return 0;
		}
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(text(value));
	}

}
