package io.duocache.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import io.duocache.UnserializableReturnValueException;
import io.duocache.config.Durations;
import io.duocache.store.StoredEntry;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.Entries;
import io.duocache.tier.Loaded;

/**
 * What the data tier makes of values: Smile bytes, checked by a round trip the first time a runtime
 * class is met, with a private copy that hits copy with the type's copy plan (or the value itself
 * when it is deeply immutable, or nothing: hits then read the bytes).
 */
final class DataEntries implements Entries<DataEntry> {

	private static final Log logger = LogFactory.getLog(DataEntries.class);

	/** How many first elements of a long list verify its runtime class. */
	private static final int VERIFIED_SAMPLE = 1000;

	private final String cacheName;

	private final ValueCodecs codecs;

	private final String methodName;

	private final boolean springApi;

	private final AtomicLong bytes = new AtomicLong();

	private final @Nullable Duration ttl;

	private final @Nullable Duration storeBound;

	/** Whether the cache refreshes in the background, so memory keeps entries twice as long as the ttl. */
	private volatile boolean refreshing;

	/**
	 * @param methodName the method as {@code SimpleClassName.methodName}, for messages
	 * @param springApi whether the cache is used only through Spring's {@code Cache} API
	 * @param ttl the cache's ttl, or {@code null}
	 * @param storeBound how long memory keeps a copy of a store's entry at most, or {@code null}
	 */
	DataEntries(String cacheName, ValueCodecs codecs, String methodName, boolean springApi, @Nullable Duration ttl,
			@Nullable Duration storeBound) {
		this.cacheName = cacheName;
		this.codecs = codecs;
		this.methodName = methodName;
		this.springApi = springApi;
		this.ttl = ttl;
		this.storeBound = storeBound;
	}

	/** Says that the cache refreshes in the background: entries are kept twice as long as the ttl. */
	void refreshesInBackground() {
		this.refreshing = true;
	}

	/** How long an entry is kept: the ttl, or twice the ttl for a cache that refreshes in the background. */
	@Nullable Duration keptFor() {
		return (this.ttl != null && this.refreshing) ? this.ttl.multipliedBy(2) : this.ttl;
	}

	@Override
	public DataEntry toEntry(Object key, @Nullable Object value) {
		ValueCodec codec = this.codecs.codecFor(value);
		byte[] written = write(codec, value);
		Class<?> runtimeType = (value != null) ? value.getClass() : Void.class;
		if (!codec.verifiedTypes.contains(runtimeType)) {
			verifyFirst(codec, value, written);
			codec.verifiedTypes.add(runtimeType);
		}
		return entry(written, codec, value, false, Instant.now(), null);
	}

	/** Whether entries kept in a store can be read back: the declared type is precise. */
	boolean readsStored() {
		return this.codecs.declared() != null;
	}

	/**
	 * Returns the entry of bytes read back from a store, with the value read from them for the caller
	 * that read it. Only where {@link #readsStored()}.
	 * @throws RuntimeException if the bytes do not decode
	 */
	Loaded<DataEntry> fromStore(StoredEntry stored) {
		ValueCodec codec = this.codecs.declared();
		Object value = codec.reader.readValue(stored.bytes());
		Instant expiresAt = stored.expiresAt();
		Instant checkedExpiry = (expiresAt != null && expiresBeforeMemoryDropsIt(expiresAt)) ? expiresAt : null;
		return new Loaded<>(entry(stored.bytes(), codec, value, true, stored.writtenAt(), checkedExpiry), value);
	}

	/**
	 * Whether an entry read back from a store expires before memory would drop its copy: only such an
	 * entry is checked on its hits (see {@link #isValid}); the others cost a hit nothing.
	 */
	private boolean expiresBeforeMemoryDropsIt(Instant expiresAt) {
		Duration kept = Durations.shorter(keptFor(), this.storeBound);
		return kept == null || Duration.between(Instant.now(), expiresAt).compareTo(kept) < 0;
	}

	/** An entry read back from a store that expires before memory drops it is refused once it expired. */
	@Override
	public boolean isValid(DataEntry entry) {
		Instant expiresAt = entry.expiresAt();
		return expiresAt == null || Instant.now().isBefore(expiresAt);
	}

	/**
	 * Verifies the first value of a runtime class. A long list of a type with a copy plan is verified
	 * on its first elements only: the plan itself checks the class of every element when the value
	 * is copied, and a value it finds a surprise in is verified whole then.
	 */
	private void verifyFirst(ValueCodec codec, @Nullable Object value, byte[] written) {
		if (codec.copier != null && value instanceof List<?> list && list.size() > VERIFIED_SAMPLE) {
			List<?> sample = new ArrayList<>(list.subList(0, VERIFIED_SAMPLE));
			verify(codec, sample, write(codec, sample));
			return;
		}
		verify(codec, value, written);
	}

	/**
	 * Returns an entry for stored bytes and the value they hold: the value itself when it is deeply
	 * immutable, else where the type has a copy plan a private copy that hits are copied from, else
	 * nothing (hits read the bytes).
	 * @param fromStore whether the value was read back from a store and goes to the caller that read
	 * it, so the private copy is made from the bytes on the first hit instead
	 */
	private DataEntry entry(byte[] stored, ValueCodec codec, @Nullable Object value, boolean fromStore,
			Instant writtenAt, @Nullable Instant expiresAt) {
		this.bytes.addAndGet(stored.length);
		Copier copier = codec.copier;
		if ((copier != null && copier.shares()) || ImmutableValues.isDeeplyImmutable(value)) {
			return DataEntry.shared(stored, codec.reader, value, writtenAt, expiresAt);
		}
		if (copier != null) {
			try {
				return DataEntry.copied(stored, codec.reader, copier, fromStore ? null : copier.copy(value), writtenAt,
						expiresAt);
			}
			catch (UnplannedShapeException ex) {
				// This value holds a surprise (a subclass, a Hibernate proxy): verified whole, its private
				// copy is read from its bytes on the first hit, which hold only the declared shapes.
				verify(codec, value, stored);
				return DataEntry.copied(stored, codec.reader, copier, null, writtenAt, expiresAt);
			}
		}
		return DataEntry.read(stored, codec.reader, writtenAt, expiresAt);
	}

	private byte[] write(ValueCodec codec, @Nullable Object value) {
		try {
			return codec.writer.writeValueAsBytes(OptionalModules.unproxy(value));
		}
		catch (LazyAssociationException ex) {
			throw lazyAssociation(codec, value, ex, ex);
		}
		catch (JacksonException ex) {
			LazyAssociationException lazy = lazyAssociation(ex);
			if (lazy != null) {
				throw lazyAssociation(codec, value, lazy, ex);
			}
			throw unserializable(codec, value, "writing it failed: " + ex.getOriginalMessage(), ex);
		}
	}

	private UnserializableReturnValueException lazyAssociation(ValueCodec codec, @Nullable Object value,
			LazyAssociationException lazy, Throwable cause) {
		String typeName = (value != null) ? value.getClass().getName() : codec.type.toCanonical();
		return UnserializableReturnValueException.lazyAssociation(typeName,
				this.springApi ? "cache '" + this.cacheName + "'" : this.methodName, lazy.path(), lazy.entity(), cause);
	}

	private static @Nullable LazyAssociationException lazyAssociation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LazyAssociationException lazy) {
				return lazy;
			}
		}
		return null;
	}

	private void verify(ValueCodec codec, @Nullable Object value, byte[] written) {
		Object copy;
		try {
			copy = codec.reader.readValue(written);
		}
		catch (JacksonException ex) {
			throw unserializable(codec, value, "reading it back failed: " + ex.getOriginalMessage(), ex);
		}
		byte[] rewritten = write(codec, copy);
		if (!Arrays.equals(written, rewritten) && !SameTree.regardlessOfOrder(this.codecs.mapper().readTree(written),
				this.codecs.mapper().readTree(rewritten))) {
			throw unserializable(codec, value, "its copy differs from the original when written again", null);
		}
		String difference = ShapeCheck.difference(value, copy);
		if (difference != null) {
			throw unserializable(codec, value, difference, null);
		}
		checkCopier(codec, value, written);
	}

	/** Turns the codec's copy plan off if a direct copy of the value does not write the same bytes. */
	private void checkCopier(ValueCodec codec, @Nullable Object value, byte[] written) {
		Copier copier = codec.copier;
		if (copier == null || copier.shares()) {
			return;
		}
		try {
			if (Arrays.equals(write(codec, copier.copy(value)), written)) {
				return;
			}
		}
		catch (UnplannedShapeException | UnserializableReturnValueException ex) {
			return;
		}
		logger.debug("Cache '" + this.cacheName + "' copies " + codec.type.toCanonical() + " through Smile: a direct "
				+ "copy of a " + value.getClass().getName() + " does not write the same bytes");
		codec.copier = null;
	}

	private UnserializableReturnValueException unserializable(ValueCodec codec, @Nullable Object value, String reason,
			@Nullable Throwable cause) {
		String typeName = (value != null) ? value.getClass().getName() : codec.type.toCanonical();
		return this.springApi ? UnserializableReturnValueException.forSpringCache(typeName, this.cacheName, reason, cause)
				: new UnserializableReturnValueException(typeName, this.methodName, reason, cause);
	}

	@Override
	public @Nullable Object fromEntry(DataEntry entry, CacheObserver observer) {
		if (entry.shared()) {
			return entry.value();
		}
		long start = System.nanoTime();
		Object copy = entry.copy();
		observer.copied(System.nanoTime() - start);
		return copy;
	}

	@Override
	public void released(Object key, DataEntry entry) {
		this.bytes.addAndGet(-entry.bytes().length);
	}

	@Override
	public Instant writtenAt(DataEntry entry) {
		return entry.writtenAt();
	}

	/** The bytes held by the entries in memory. */
	long bytes() {
		return this.bytes.get();
	}

}
