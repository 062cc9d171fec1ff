package io.duocache.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of a cache as one source (a property, an annotation, a default) gives them; {@code null}
 * means that source does not say.
 *
 * @param ttl how long an entry lives after it was written
 * @param maxEntries the maximum number of entries
 * @param maxSize the byte budget of a data cache's stored copies
 */
public record CacheSettings(@Nullable Duration ttl, @Nullable Long maxEntries, @Nullable DataSize maxSize) {

	/** Settings that say nothing. */
	public static final CacheSettings UNSET = new CacheSettings(null, null, null);

	/**
	 * Returns these settings with every unset value taken from {@code fallback}.
	 * @param fallback the settings of lower precedence
	 * @return the merged settings
	 */
	public CacheSettings orElse(CacheSettings fallback) {
		return new CacheSettings((this.ttl != null) ? this.ttl : fallback.ttl,
				(this.maxEntries != null) ? this.maxEntries : fallback.maxEntries,
				(this.maxSize != null) ? this.maxSize : fallback.maxSize);
	}

}
