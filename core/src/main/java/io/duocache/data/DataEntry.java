package io.duocache.data;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;

/**
 * A stored data value: its Smile bytes, the reader that copies them back, and the value itself
 * when it is deeply immutable and needs no copy.
 *
 * @param bytes the serialized value
 * @param reader reads a fresh copy from the bytes
 * @param shared whether {@code value} is deeply immutable and returned as is
 * @param value the value when shared, else {@code null}
 * @param expiresAt when the entry expires, for an entry read back from a store; {@code null} means
 * the cache's ttl from when it was written to memory
 */
record DataEntry(byte[] bytes, ObjectReader reader, boolean shared, @Nullable Object value,
		@Nullable Instant expiresAt) {

	@Nullable Object copy() {
		return this.shared ? this.value : this.reader.readValue(this.bytes);
	}

}
