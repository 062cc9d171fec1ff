package io.duocache.data;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;

/**
 * A stored data value: its Smile bytes, and either the value itself when it is deeply immutable
 * (shared by every hit), or a private copy that hits copy with the type's copier, or neither (hits
 * read the bytes).
 *
 * @param bytes the serialized value
 * @param reader reads a fresh copy from the bytes
 * @param shared whether {@code value} is deeply immutable and returned as is
 * @param copier copies {@code value} for each hit, or {@code null}
 * @param value the shared value or the private copy, else {@code null}
 * @param expiresAt when the entry expires, for an entry read back from a store; {@code null} means
 * the cache's ttl from when it was written to memory
 */
record DataEntry(byte[] bytes, ObjectReader reader, boolean shared, @Nullable Copier copier,
		@Nullable Object value, @Nullable Instant expiresAt) {

	@Nullable Object copy() {
		if (this.shared) {
			return this.value;
		}
		if (this.copier != null) {
			try {
				return this.copier.copy(this.value);
			}
			catch (UnplannedShapeException ex) {
				// Not expected of a value the copier made or Jackson read; the bytes are always right.
			}
		}
		return this.reader.readValue(this.bytes);
	}

}
