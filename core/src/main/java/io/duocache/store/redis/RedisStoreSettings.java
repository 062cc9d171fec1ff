package io.duocache.store.redis;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

import io.duocache.store.EntrySigner;

/**
 * How the Redis store keeps entries.
 *
 * @param keyPrefix what every key the store writes starts with
 * @param signingKey the secret that signs every entry, or {@code null} when not configured
 * @param timeout the bound of every Redis operation on the call path
 * @param localTtl how long a memory copy of a Redis entry lives at most
 * @param maxTtl the Redis expiry of entries of caches without a ttl
 * @param maxValueSize entries larger than this stay in memory only
 * @param lease how long one instance may compute a key before another may take over
 * @param previousSigningKeys earlier secrets, which still verify the entries they sealed (a rotation)
 */
public record RedisStoreSettings(String keyPrefix, @Nullable String signingKey, Duration timeout, Duration localTtl,
		Duration maxTtl, DataSize maxValueSize, Duration lease, List<String> previousSigningKeys) {

	/**
	 * Settings without earlier signing keys.
	 * @param keyPrefix what every key the store writes starts with
	 * @param signingKey the secret that signs every entry, or {@code null} when not configured
	 * @param timeout the bound of every Redis operation on the call path
	 * @param localTtl how long a memory copy of a Redis entry lives at most
	 * @param maxTtl the Redis expiry of entries of caches without a ttl
	 * @param maxValueSize entries larger than this stay in memory only
	 * @param lease how long one instance may compute a key before another may take over
	 */
	public RedisStoreSettings(String keyPrefix, @Nullable String signingKey, Duration timeout, Duration localTtl,
			Duration maxTtl, DataSize maxValueSize, Duration lease) {
		this(keyPrefix, signingKey, timeout, localTtl, maxTtl, maxValueSize, lease, List.of());
	}

	/** The shortest signing key accepted, in characters. */
	public static final int MIN_SIGNING_KEY_LENGTH = EntrySigner.MIN_SECRET_LENGTH;

}
