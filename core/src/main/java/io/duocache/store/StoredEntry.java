package io.duocache.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A data entry as a store keeps it.
 *
 * @param bytes the Smile bytes of the value
 * @param writtenAt when the value was computed
 * @param expiresAt when the entry stops being valid, or {@code null} for never
 */
public record StoredEntry(byte[] bytes, Instant writtenAt, @Nullable Instant expiresAt) {

	/**
	 * Returns whether the entry is past its expiry at the given instant.
	 * @param now the instant to compare with
	 * @return whether it has expired
	 */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
