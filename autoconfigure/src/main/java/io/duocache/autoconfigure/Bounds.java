package io.duocache.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The allowed range of every bound in {@code duocache.*}, the same as the annotations': a value
 * outside it is refused as it is bound, and Spring Boot reports the property with this reason.
 */
final class Bounds {

	private Bounds() {
	}

	static @Nullable Duration ttl(@Nullable Duration ttl) {
		if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
			throw new IllegalArgumentException("Must be a positive duration such as 90s or 10m; for a ttl, leave "
					+ "it unset for no expiry, or set duocache.enabled=false to turn caching off");
		}
		return ttl;
	}

	static @Nullable Long maxEntries(@Nullable Long maxEntries) {
		if (maxEntries != null && maxEntries < 1) {
			throw new IllegalArgumentException("max-entries must be at least 1; leave it unset for no entry bound");
		}
		return maxEntries;
	}

	static @Nullable DataSize maxSize(@Nullable DataSize maxSize) {
		if (maxSize != null && maxSize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"max-size must be a positive size such as 64MB; leave it unset for no byte budget");
		}
		return maxSize;
	}

}
