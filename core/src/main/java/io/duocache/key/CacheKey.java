package io.duocache.key;

import java.util.HexFormat;

import com.dynatrace.hash4j.hashing.HashValue128;

/**
 * A 128-bit cache key, stable across JVMs and restarts.
 *
 * @param high the most significant 64 bits
 * @param low the least significant 64 bits
 */
public record CacheKey(long high, long low) {

	/**
	 * Returns the key holding a 128-bit hash.
	 * @param hash the hash
	 * @return the key
	 */
	public static CacheKey of(HashValue128 hash) {
		return new CacheKey(hash.getMostSignificantBits(), hash.getLeastSignificantBits());
	}

	/**
	 * Returns the key that {@link #toHex()} wrote.
	 * @param hex 32 hex digits
	 * @return the key
	 * @throws IllegalArgumentException if the text is not 32 hex digits
	 */
	public static CacheKey fromHex(String hex) {
		if (hex.length() != 32) {
			throw new IllegalArgumentException("A cache key is 32 hex digits, not '" + hex + "'");
		}
		return new CacheKey(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
	}

	/**
	 * Returns the key as 32 lowercase hex digits.
	 * @return the hex form
	 */
	public String toHex() {
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(this.high) + hex.toHexDigits(this.low);
	}

	@Override
	public String toString() {
		return toHex();
	}

}
