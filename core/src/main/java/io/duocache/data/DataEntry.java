package io.duocache.data;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;

/**
 * A stored data value: its Smile bytes, and either the value itself when it is deeply immutable
 * (shared by every hit), or a private copy that hits copy with the type's copier, or neither (hits
 * read the bytes). The private copy of a value read back from a store is made from the bytes on the
 * first hit, since the value that was read went to the caller that read it.
 */
final class DataEntry {

	private final byte[] bytes;

	private final ObjectReader reader;

	private final boolean shared;

	private final @Nullable Copier copier;

	/** The shared value, or the private copy (once made), else {@code null}. */
	private volatile @Nullable Object value;

	private final Instant writtenAt;

	private final @Nullable Instant expiresAt;

	private DataEntry(byte[] bytes, ObjectReader reader, boolean shared, @Nullable Copier copier,
			@Nullable Object value, Instant writtenAt, @Nullable Instant expiresAt) {
		this.bytes = bytes;
		this.reader = reader;
		this.shared = shared;
		this.copier = copier;
		this.value = value;
		this.writtenAt = writtenAt;
		this.expiresAt = expiresAt;
	}

	/** An entry whose hits return {@code value} itself, which is deeply immutable. */
	static DataEntry shared(byte[] bytes, ObjectReader reader, @Nullable Object value, Instant writtenAt,
			@Nullable Instant expiresAt) {
		return new DataEntry(bytes, reader, true, null, value, writtenAt, expiresAt);
	}

	/** An entry whose hits copy a private copy with {@code copier}; {@code null} makes it on the first hit. */
	static DataEntry copied(byte[] bytes, ObjectReader reader, Copier copier, @Nullable Object privateCopy,
			Instant writtenAt, @Nullable Instant expiresAt) {
		return new DataEntry(bytes, reader, false, copier, privateCopy, writtenAt, expiresAt);
	}

	/** An entry whose hits read the bytes. */
	static DataEntry read(byte[] bytes, ObjectReader reader, Instant writtenAt, @Nullable Instant expiresAt) {
		return new DataEntry(bytes, reader, false, null, null, writtenAt, expiresAt);
	}

	byte[] bytes() {
		return this.bytes;
	}

	/** Whether hits return {@link #value()} itself. */
	boolean shared() {
		return this.shared;
	}

	@Nullable Object value() {
		return this.value;
	}

	/** When the value was computed, here or by the instance that stored it. */
	Instant writtenAt() {
		return this.writtenAt;
	}

	/**
	 * When the entry expires, for an entry read back from a store that expires before memory would
	 * drop it; {@code null} means memory's own bound from when it was written to memory.
	 */
	@Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	@Nullable Object copy() {
		if (this.shared) {
			return this.value;
		}
		if (this.copier != null) {
			Object privateCopy = this.value;
			if (privateCopy == null) {
				privateCopy = this.reader.readValue(this.bytes);
				this.value = privateCopy;
			}
			try {
				return this.copier.copy(privateCopy);
			}
			catch (UnplannedShapeException ex) {
				// Not expected of a value the copier made or Jackson read; the bytes are always right.
			}
		}
		return this.reader.readValue(this.bytes);
	}

}
