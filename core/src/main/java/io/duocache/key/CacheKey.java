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
