package io.duocache.data;

import java.time.Duration;
import java.time.Instant;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

import io.duocache.UnserializableReturnValueException;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.store.StoredEntry;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.SingleFlightCache;

/**
 * A data cache: values are stored as Smile bytes and every hit returns a fresh deep copy (or the
 * stored value itself when it is deeply immutable).
 */
public final class DataCache extends SingleFlightCache<DataEntry> {

	private static final Log logger = LogFactory.getLog(DataCache.class);

	/** How many first elements of a long list verify its runtime class. */
	private static final int VERIFIED_SAMPLE = 1000;

	private final ObjectMapper mapper;

	/** Whether the application changed how Jackson maps values, which a copy plan cannot know. */
	private final boolean customizedMapper;

	private final @Nullable Codec declaredCodec;

	private final Map<Class<?>, Codec> runtimeCodecs = new ConcurrentHashMap<>();

	private final String methodName;

	private final boolean springApi;

	/** The store step: what memory missed is read from the store behind it, computed entries written through. */
	private final StoreBehindMemory store;

	private final AtomicLong bytes = new AtomicLong();

	/**
	 * Creates a data cache.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param codec the codec that copies values
	 * @param declaredType the type values are read back as; {@code null} or a vague type means each
	 * value's runtime class
	 * @param methodName the method as {@code SimpleClassName.methodName}, for messages
	 * @param store where entries are kept beyond memory
	 */
	public DataCache(String name, CacheSettings settings, DataCodec codec, @Nullable JavaType declaredType,
			String methodName, EntryStore store) {
		this(name, settings, codec, declaredType, methodName, store, false);
	}

	/**
	 * Creates a data cache used only through Spring's {@code Cache} API.
	 * @param name the cache name
	 * @param settings the resolved bounds
	 * @param codec the codec that copies values
	 * @param declaredType the return type of the {@code @Cacheable} methods that name the cache, or
	 * {@code null} when unknown
	 * @return the cache
	 */
	static DataCache forSpringApi(String name, CacheSettings settings, DataCodec codec,
			@Nullable JavaType declaredType) {
		return new DataCache(name, settings, codec, declaredType, name, EntryStore.NONE, true);
	}

	private DataCache(String name, CacheSettings settings, DataCodec codec, @Nullable JavaType declaredType,
			String methodName, EntryStore store, boolean springApi) {
		super(name, settings, builder(settings), memoryTtl(settings.ttl(), store.memoryTtl()),
				store != EntryStore.NONE);
		this.springApi = springApi;
		this.mapper = codec.mapper();
		this.customizedMapper = codec.isCustomized();
		this.declaredCodec = (declaredType != null && !DataCodec.isVague(declaredType)) ? codecFor(declaredType)
				: null;
		this.methodName = methodName;
		this.store = new StoreBehindMemory(name, store);
	}

	private static @Nullable Duration memoryTtl(@Nullable Duration ttl, @Nullable Duration storeBound) {
		if (ttl == null || storeBound == null) {
			return (ttl != null) ? ttl : storeBound;
		}
		return (storeBound.compareTo(ttl) < 0) ? storeBound : ttl;
	}

	private static Caffeine<Object, Object> builder(CacheSettings settings) {
		// Removal notifications run on the thread that removes the entry, so the byte count is exact
		// as soon as clear() or an eviction returns.
		Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
		Long maxEntries = settings.maxEntries();
		if (settings.maxSize() != null) {
			long maxBytes = settings.maxSize().toBytes();
			long minimumWeight = (maxEntries != null && maxEntries > 0) ? Math.max(1, maxBytes / maxEntries) : 1;
			builder.maximumWeight(maxBytes)
				.weigher((key, entry) -> (int) Math.min(Integer.MAX_VALUE,
						Math.max(minimumWeight, ((DataEntry) entry).bytes().length)));
		}
		else if (maxEntries != null) {
			builder.maximumSize(maxEntries);
		}
		return builder;
	}

	private Codec codecFor(JavaType type) {
		Copier copier = this.customizedMapper ? null : Copiers.forType(type, this.mapper.getTypeFactory());
		return new Codec(this.mapper.writerFor(type), this.mapper.readerFor(type), type, copier);
	}

	@Override
	protected DataEntry toEntry(Object key, @Nullable Object value) {
		Codec codec = codecFor(value);
		byte[] written = write(codec, value);
		Class<?> runtimeType = (value != null) ? value.getClass() : Void.class;
		if (!codec.verifiedTypes.contains(runtimeType)) {
			verifyFirst(codec, value, written);
			codec.verifiedTypes.add(runtimeType);
		}
		return entry(written, codec, value, false, Instant.now(), null);
	}

	/**
	 * Verifies the first value of a runtime class. A long list of a type with a copy plan is verified
	 * on its first elements only: the plan itself checks the class of every element when the value
	 * is copied, and a value it finds a surprise in is verified whole then.
	 */
	private void verifyFirst(Codec codec, @Nullable Object value, byte[] written) {
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
	private DataEntry entry(byte[] stored, Codec codec, @Nullable Object value, boolean fromStore, Instant writtenAt,
			@Nullable Instant expiresAt) {
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

	@Override
	protected Duration timeToLive(DataEntry entry, Duration memoryTtl) {
		Duration bound = refreshesInBackground() ? memoryTtl(storedTtl(), store().memoryTtl()) : memoryTtl;
		Instant expiresAt = entry.expiresAt();
		if (expiresAt == null) {
			return bound;
		}
		Duration remaining = Duration.between(Instant.now(), expiresAt);
		return remaining.isNegative() ? Duration.ZERO : (remaining.compareTo(bound) < 0) ? remaining : bound;
	}

	/** How long an entry lives: the ttl, or twice the ttl for a cache that refreshes in the background. */
	private @Nullable Duration storedTtl() {
		Duration ttl = settings().ttl();
		return (ttl != null && refreshesInBackground()) ? ttl.multipliedBy(2) : ttl;
	}

	@Override
	protected Instant writtenAt(DataEntry entry) {
		return entry.writtenAt();
	}

	@Override
	protected RefreshStart<DataEntry> startRefresh(Object key, DataEntry stale) {
		if (!this.store.exists() || this.declaredCodec == null || !(key instanceof CacheKey cacheKey)) {
			return RefreshStart.compute();
		}
		EntryStore.RefreshLead lead = this.store.leadRefresh(cacheKey, stale.writtenAt());
		if (lead == null) {
			return RefreshStart.compute();
		}
		StoredEntry newer = lead.newer();
		if (newer == null) {
			return lead.compute() ? RefreshStart.compute() : RefreshStart.elsewhere();
		}
		try {
			Object value = this.declaredCodec.reader.readValue(newer.bytes());
			return RefreshStart.use(entry(newer.bytes(), this.declaredCodec, value, true, newer.writtenAt(),
					newer.expiresAt()));
		}
		catch (RuntimeException ex) {
			this.store.unreadableNewer(ex);
			return RefreshStart.elsewhere();
		}
	}

	private Codec codecFor(@Nullable Object value) {
		if (this.declaredCodec != null) {
			return this.declaredCodec;
		}
		Class<?> type = (value != null) ? value.getClass() : Object.class;
		return this.runtimeCodecs.computeIfAbsent(type, (runtimeType) -> codecFor(this.mapper.constructType(readableType(runtimeType))));
	}

	/**
	 * Returns the type a value of a runtime class is read back as: the class itself, or for JDK
	 * collection and map implementations that cannot be built (immutable, unmodifiable, views), the
	 * interface they implement.
	 */
	private static Class<?> readableType(Class<?> runtimeType) {
		boolean buildable = Modifier.isPublic(runtimeType.getModifiers())
				&& !Modifier.isAbstract(runtimeType.getModifiers()) && hasPublicNoArgConstructor(runtimeType);
		if (buildable || !runtimeType.getName().startsWith("java.")) {
			return runtimeType;
		}
		if (List.class.isAssignableFrom(runtimeType)) {
			return List.class;
		}
		if (Set.class.isAssignableFrom(runtimeType)) {
			return Set.class;
		}
		if (Collection.class.isAssignableFrom(runtimeType)) {
			return Collection.class;
		}
		if (Map.class.isAssignableFrom(runtimeType)) {
			return Map.class;
		}
		return runtimeType;
	}

	private static boolean hasPublicNoArgConstructor(Class<?> type) {
		try {
			return Modifier.isPublic(type.getConstructor().getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private byte[] write(Codec codec, @Nullable Object value) {
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

	private UnserializableReturnValueException lazyAssociation(Codec codec, @Nullable Object value,
			LazyAssociationException lazy, Throwable cause) {
		String typeName = (value != null) ? value.getClass().getName() : codec.type.toCanonical();
		return UnserializableReturnValueException.lazyAssociation(typeName,
				this.springApi ? "cache '" + name() + "'" : this.methodName, lazy.path(), lazy.entity(), cause);
	}

	private static @Nullable LazyAssociationException lazyAssociation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LazyAssociationException lazy) {
				return lazy;
			}
		}
		return null;
	}

	private void verify(Codec codec, @Nullable Object value, byte[] written) {
		Object copy;
		try {
			copy = codec.reader.readValue(written);
		}
		catch (JacksonException ex) {
			throw unserializable(codec, value, "reading it back failed: " + ex.getOriginalMessage(), ex);
		}
		byte[] rewritten = write(codec, copy);
		if (!Arrays.equals(written, rewritten)
				&& !SameTree.regardlessOfOrder(this.mapper.readTree(written), this.mapper.readTree(rewritten))) {
			throw unserializable(codec, value, "its copy differs from the original when written again", null);
		}
		String difference = ShapeCheck.difference(value, copy);
		if (difference != null) {
			throw unserializable(codec, value, difference, null);
		}
		checkCopier(codec, value, written);
	}

	/** Turns the codec's copy plan off if a direct copy of the value does not write the same bytes. */
	private void checkCopier(Codec codec, @Nullable Object value, byte[] written) {
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
		logger.debug("Cache '" + name() + "' copies " + codec.type.toCanonical() + " through Smile: a direct copy "
				+ "of a " + value.getClass().getName() + " does not write the same bytes");
		codec.copier = null;
	}

	private UnserializableReturnValueException unserializable(Codec codec, @Nullable Object value, String reason,
			@Nullable Throwable cause) {
		String typeName = (value != null) ? value.getClass().getName() : codec.type.toCanonical();
		return this.springApi ? UnserializableReturnValueException.forSpringCache(typeName, name(), reason, cause)
				: new UnserializableReturnValueException(typeName, this.methodName, reason, cause);
	}

	@Override
	protected @Nullable Object fromEntry(DataEntry entry) {
		if (entry.shared()) {
			return entry.value();
		}
		long start = System.nanoTime();
		Object copy = entry.copy();
		observer().copied(System.nanoTime() - start);
		return copy;
	}

	@Override
	protected void onRemoval(Object key, DataEntry entry, RemovalCause cause) {
		this.bytes.addAndGet(-entry.bytes().length);
	}

	@Override
	protected @Nullable Loaded<DataEntry> loadFromStore(Object key) {
		if (!this.store.exists() || this.declaredCodec == null || !(key instanceof CacheKey cacheKey)) {
			return null;
		}
		StoredEntry stored = this.store.read(cacheKey);
		if (stored == null) {
			return null;
		}
		Object value;
		try {
			value = this.declaredCodec.reader.readValue(stored.bytes());
		}
		catch (RuntimeException ex) {
			this.store.unreadable(cacheKey, ex);
			return null;
		}
		this.store.served();
		DataEntry entry = entry(stored.bytes(), this.declaredCodec, value, true, stored.writtenAt(),
				stored.expiresAt());
		return new Loaded<>(entry, value);
	}

	@Override
	protected void onPublished(Object key, DataEntry entry, long invalidationsBefore) {
		if (!this.store.exists() || !(key instanceof CacheKey cacheKey)) {
			return;
		}
		Duration ttl = storedTtl();
		Instant expiresAt = (ttl != null) ? entry.writtenAt().plus(ttl) : null;
		this.store.write(cacheKey, new StoredEntry(entry.bytes(), entry.writtenAt(), expiresAt),
				() -> invalidatedSince(invalidationsBefore));
	}

	@Override
	protected void onFailed(Object key) {
		if (this.store.exists() && key instanceof CacheKey cacheKey) {
			this.store.abandon(cacheKey);
		}
	}

	@Override
	public void invalidate(Object key) {
		super.invalidate(key);
		if (this.store.exists() && key instanceof CacheKey cacheKey) {
			this.store.remove(cacheKey);
		}
	}

	@Override
	public void invalidateAll() {
		super.invalidateAll();
		if (this.store.exists()) {
			this.store.clear();
		}
	}

	/**
	 * Returns what was read from, and failed in, the store behind memory.
	 * @return the store counters
	 */
	public StoreCounters storeCounters() {
		return this.store.counters();
	}

	/**
	 * Returns the bytes held by the stored copies.
	 * @return the byte count
	 */
	public long bytes() {
		SessionCaches perSession = sessions();
		return (perSession != null) ? perSession.sum((cache) -> ((DataCache) cache).bytes()) : this.bytes.get();
	}

	/**
	 * Returns where entries are kept beyond memory.
	 * @return the store
	 */
	public EntryStore store() {
		return this.store.store();
	}

	/**
	 * How values of one declared type are written and read back, and the runtime classes whose
	 * round trip was verified: a subclass of the declared type gets its own check, since writing it
	 * as the declared type would lose what the subclass adds.
	 */
	private static final class Codec {

		final ObjectWriter writer;

		final ObjectReader reader;

		final JavaType type;

		/** How values are copied without Smile, or {@code null}; turned off if it ever copies wrong. */
		volatile @Nullable Copier copier;

		final Set<Class<?>> verifiedTypes = ConcurrentHashMap.newKeySet();

		Codec(ObjectWriter writer, ObjectReader reader, JavaType type, @Nullable Copier copier) {
			this.writer = writer;
			this.reader = reader;
			this.type = type;
			this.copier = copier;
		}

	}

}
