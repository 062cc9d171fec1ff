package io.duocache.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.EntryStore;
import io.duocache.store.EntryTooLargeException;
import io.duocache.store.InvalidationListener;
import io.duocache.store.SharedChangeLog;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;

import static io.duocache.store.redis.RedisLayout.bytes;
import static io.duocache.store.redis.RedisLayout.number;

/**
 * Keeps entries in Redis, shared by every instance of the application, on a single server, behind
 * Sentinel or on a Cluster: the same header and Smile bytes as the disk store, signed with HMAC-SHA256,
 * under a key that holds the cache's generation and a hash tag of the entry's own, so a cache's
 * entries spread over every slot and clearing a cache is one increment ({@link RedisLayout}). Each
 * instance keeps the newest generation of each cache it has seen and never goes back to an older one,
 * restoring it in Redis if a failover lost it ({@link RedisGenerations}); likewise the versions of
 * removed entries ({@link RedisVersions}). A hit is one {@code MGET} from the caller's thread; writes
 * are scripts that check the entry's version its read saw ({@link RedisScripts}). Invalidations are
 * published with a per-cache sequence number ({@link RedisInvalidations}); one instance at a time
 * computes a missing key ({@link RedisLeases}). Every operation is bounded by a timeout and skipped
 * while a circuit breaker is open, so Redis being down, slow or failing over never reaches a caller
 * ({@link RedisCommands}).
 */
public final class RedisEntryStore implements EntryStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisEntryStore.class);

	private final RedisConnectionFactory connections;

	private final RedisStoreSettings settings;

	private final RedisCommands commands;

	private final ScheduledExecutorService background;

	private final RedisLeases leases;

	private final RedisVersions versions;

	/** What a read saw (generation, version) for each key, so the write that follows can check it. */
	private final Cache<String, Observed> observed = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final AtomicLong repairs = new AtomicLong();

	/** Removals Redis did not take, by entry, made once it answers again. */
	private final Map<String, OwedRemoval> owedRemovals = new ConcurrentHashMap<>();

	/** Clears Redis did not take, made once it answers again. */
	private final Set<String> owedClears = ConcurrentHashMap.newKeySet();

	private static final int MAX_OWED_REMOVALS = 10_000;

	private volatile @Nullable Opened opened;

	private volatile @Nullable InvalidationListener listener;

	/**
	 * Creates the store; nothing is sent to Redis until {@link #open()}.
	 * @param connections the application's connection factory
	 * @param settings how entries are kept
	 */
	public RedisEntryStore(RedisConnectionFactory connections, RedisStoreSettings settings) {
		this.connections = connections;
		this.settings = settings;
		this.commands = new RedisCommands(connections, settings);
		this.background = Executors.newSingleThreadScheduledExecutor(RedisCommands.daemon("duocache-redis-background"));
		this.leases = new RedisLeases(this.commands, settings, this.background);
		this.versions = new RedisVersions(settings.maxTtl());
	}

	/**
	 * Checks the signing key, subscribes to invalidations and starts checking generations against
	 * Redis every {@code duocache.redis.local-ttl}; called when the first cache that persists to Redis
	 * is created. Redis being unreachable does not fail it: calls go on from memory until Redis answers.
	 * @throws DuocacheException if the signing key is missing or too short
	 */
	@Override
	public synchronized void open() {
		if (this.opened != null) {
			return;
		}
		String key = this.settings.signingKey();
		if (key == null || key.length() < RedisStoreSettings.MIN_SIGNING_KEY_LENGTH) {
			throw new DuocacheException("The Redis store needs duocache.redis.signing-key, a secret of at least "
					+ RedisStoreSettings.MIN_SIGNING_KEY_LENGTH + " characters that every instance shares, to sign "
					+ "its entries; it is " + ((key == null) ? "missing" : "only " + key.length() + " characters long")
					+ ". To fix this, make one with 'openssl rand -base64 48' and set it, for example through the "
					+ "DUOCACHE_SIGNING_KEY environment variable with duocache.redis.signing-key: "
					+ "${DUOCACHE_SIGNING_KEY}.");
		}
		for (String previous : this.settings.previousSigningKeys()) {
			if (previous.length() < RedisStoreSettings.MIN_SIGNING_KEY_LENGTH) {
				throw new DuocacheException("Every key of duocache.redis.previous-signing-keys must be at least "
						+ RedisStoreSettings.MIN_SIGNING_KEY_LENGTH + " characters long, as the signing key itself; one "
						+ "is only " + previous.length() + " characters long. To fix this, list the signing keys the "
						+ "instances used before, unchanged.");
			}
		}
		RedisLayout layout = new RedisLayout(this.settings.keyPrefix(),
				EntrySigner.of(key, this.settings.previousSigningKeys()));
		RedisGenerations generations = new RedisGenerations(this.commands, layout, this.repairs);
		RedisClears clears = new RedisClears(this.commands, layout, this.settings, this.background);
		RedisInvalidations heard = new RedisInvalidations(this.connections, layout.channel(), this.settings,
				this.background, generations, this.versions, clears::checkReplicas);
		InvalidationListener current = this.listener;
		if (current != null) {
			heard.listen(current);
		}
		RedisChangeLog changes = new RedisChangeLog(this.commands, layout);
		heard.onChangesAppended(() -> {
			InvalidationListener target = this.listener;
			if (target != null) {
				target.changesAppended(changes);
			}
		});
		this.opened = new Opened(layout, generations, heard, clears, changes);
		heard.start();
		long every = Math.max(100, this.settings.localTtl().toMillis());
		this.background.scheduleWithFixedDelay(this::checkGenerations, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Checks every cache's generation against Redis (restoring one a failover lost, adopting a clear
	 * whose message was lost).
	 */
	private void checkGenerations() {
		Opened current = this.opened;
		if (current == null || this.commands.isCircuitOpen()) {
			return;
		}
		try {
			settleOwedWrites();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not make the removals Redis missed", ex);
		}
		try {
			List<String> moved = current.generations().checkAll();
			InvalidationListener heard = this.listener;
			if (heard != null) {
				moved.forEach(heard::lost);
				// A notice of appended changes can be lost like any message: look anyway.
				heard.changesAppended(current.changes());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not check the generations of the Redis store", ex);
		}
	}

	@Override
	public String name() {
		return "redis";
	}

	@Override
	public Duration memoryTtl() {
		return this.settings.localTtl();
	}

	@Override
	public @Nullable SharedChangeLog changeLog() {
		Opened current = this.opened;
		return (current != null) ? current.changes() : null;
	}

	@Override
	public void listen(InvalidationListener listener) {
		this.listener = listener;
		Opened current = this.opened;
		if (current != null) {
			current.invalidations().listen(listener);
		}
	}

	/**
	 * Returns whether invalidations from other instances have been heard since the store opened.
	 * @return whether the store has subscribed at least once
	 */
	public boolean isSubscribed() {
		Opened current = this.opened;
		return current != null && current.invalidations().isSubscribed();
	}

	/**
	 * Returns whether calls skip Redis now, after repeated failures.
	 * @return whether the circuit is open
	 */
	public boolean isCircuitOpen() {
		return this.commands.isCircuitOpen();
	}

	/**
	 * Returns how many times Redis answered an older generation or entry version than this instance
	 * had seen (a failover lost a clear) and the newer one was restored.
	 * @return the count since the store was created
	 */
	public long repairs() {
		return this.repairs.get();
	}

	/**
	 * Returns how many clears no replica acknowledged within {@code duocache.redis.timeout}, on a server
	 * with replicas: a failover right after one of them could lose it (this instance would restore it).
	 * @return the count since the store was created
	 */
	public long unacknowledgedClears() {
		Opened current = this.opened;
		return (current != null) ? current.clears().unacknowledged() : 0;
	}

	@Override
	public @Nullable StoredEntry load(String cacheName, CacheKey key) {
		Opened current = opened();
		RedisLayout layout = current.layout();
		long generation = current.generations().current(cacheName);
		String entryKey = layout.entry(cacheName, generation, key);
		String versionKey = layout.version(cacheName, key);
		List<byte @Nullable []> read = this.commands.read(bytes(entryKey), bytes(versionKey));
		long version = number(read.get(1));
		String local = RedisLayout.local(cacheName, key);
		long newest = this.versions.newest(local);
		if (version < newest) {
			restoreVersion(cacheName, entryKey, versionKey, version, newest);
			this.observed.put(local, new Observed(generation, newest));
			return null;
		}
		this.versions.saw(local, version);
		this.observed.put(local, new Observed(generation, version));
		byte[] value = read.get(0);
		if (value == null) {
			return null;
		}
		StoredEntry entry;
		try {
			entry = layout.entry(entryKey, key, value);
		}
		catch (CorruptEntryException ex) {
			removeQuietly(cacheName, key);
			throw ex;
		}
		return entry.isExpiredAt(Instant.now()) ? null : entry;
	}

	/** Gives Redis back the version of a removal it lost, deleting the entry it kept from before it. */
	private void restoreVersion(String cacheName, String entryKey, String versionKey, long had, long newest) {
		this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.RESTORE_VERSION,
				ReturnType.INTEGER, 2, bytes(entryKey), bytes(versionKey), bytes(Long.toString(newest)),
				bytes(Long.toString(this.settings.maxTtl().toMillis()))));
		this.repairs.incrementAndGet();
		logger.warn("Redis answered version " + had + " of an entry of cache '" + cacheName + "', older than version "
				+ newest + " this instance saw (a failover lost its removal); the removal was restored and the "
				+ "entry is not served");
	}

	@Override
	public boolean lead(String cacheName, CacheKey key) {
		return this.leases.take(opened().layout().lease(cacheName, key));
	}

	@Override
	public Duration leaseWait() {
		return this.settings.lease().plus(this.settings.timeout());
	}

	@Override
	public void save(String cacheName, CacheKey key, StoredEntry entry) {
		RedisLayout layout = opened().layout();
		try {
			Observed seen = this.observed.asMap().remove(RedisLayout.local(cacheName, key));
			if (seen == null) {
				throw new StoreUnavailableException("its read of Redis failed, so the version a removal of it "
						+ "would have bumped is unknown and the entry is not written", null);
			}
			long length = RedisLayout.valueLength(EntryFormat.HEADER_BYTES + (long) entry.bytes().length
					+ EntryFormat.TRAILER_BYTES);
			if (length > this.settings.maxValueSize().toBytes()) {
				throw new EntryTooLargeException(cacheName, length - RedisLayout.valueLength(0),
						"duocache.redis.max-value-size (" + this.settings.maxValueSize() + ")");
			}
			String entryKey = layout.entry(cacheName, seen.generation(), key);
			byte[] value = layout.value(entryKey, key, entry);
			long expiry = redisExpiryMillis(entry);
			if (expiry <= 0) {
				return;
			}
			this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.SAVE, ReturnType.INTEGER,
					2, bytes(entryKey), bytes(layout.version(cacheName, key)), bytes(Long.toString(seen.version())),
					value, bytes(Long.toString(expiry))));
		}
		finally {
			this.leases.release(layout.lease(cacheName, key));
		}
	}

	@Override
	public void abandon(String cacheName, CacheKey key) {
		this.observed.invalidate(RedisLayout.local(cacheName, key));
		this.leases.release(opened().layout().lease(cacheName, key));
	}

	/** The Redis expiry of an entry: what is left of its ttl, plus a little spread, or the max ttl. */
	private long redisExpiryMillis(StoredEntry entry) {
		if (entry.expiresAt() == null) {
			return this.settings.maxTtl().toMillis();
		}
		long remaining = Duration.between(Instant.now(), entry.expiresAt()).toMillis();
		long spread = Math.min(1000, remaining / 20);
		return remaining + ((spread > 0) ? ThreadLocalRandom.current().nextLong(spread) : 0);
	}

	/** Deletes an entry and bumps its version in its slot, then publishes the removal in the cache's. */
	@Override
	public void remove(String cacheName, CacheKey key) {
		try {
			removeNow(cacheName, key);
		}
		catch (StoreUnavailableException ex) {
			owe(cacheName, key);
			throw ex;
		}
	}

	private void removeNow(String cacheName, CacheKey key) {
		Opened current = opened();
		RedisLayout layout = current.layout();
		long generation = current.generations().current(cacheName);
		Long version = this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.REMOVE,
				ReturnType.INTEGER, 2, bytes(layout.entry(cacheName, generation, key)),
				bytes(layout.version(cacheName, key)), bytes(Long.toString(this.settings.maxTtl().toMillis()))));
		this.versions.saw(RedisLayout.local(cacheName, key), version);
		this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.PUBLISH, ReturnType.INTEGER, 1,
				bytes(layout.sequence(cacheName)), bytes(layout.channel()),
				bytes("remove|" + key.toHex() + "." + version + "|" + cacheName)));
	}

	private void removeQuietly(String cacheName, CacheKey key) {
		try {
			remove(cacheName, key);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove an unreadable entry of cache '" + cacheName + "'", ex);
		}
	}

	/**
	 * Moves the cache past every generation Redis or this instance has seen, and frees the old
	 * generation's entries in the background ({@link RedisClears}).
	 */
	@Override
	public void clear(String cacheName) {
		Opened current = opened();
		try {
			current.clears().clear(cacheName, current.generations());
		}
		catch (StoreUnavailableException ex) {
			this.owedClears.add(cacheName);
			throw ex;
		}
	}

	/**
	 * Remembers a removal Redis did not take, to make it once Redis answers again: until then other
	 * instances may serve the entry from Redis. Beyond a bound, the cache is cleared instead.
	 */
	private void owe(String cacheName, CacheKey key) {
		if (this.owedRemovals.size() < MAX_OWED_REMOVALS) {
			this.owedRemovals.put(RedisLayout.local(cacheName, key), new OwedRemoval(cacheName, key));
		}
		else {
			this.owedClears.add(cacheName);
		}
	}

	/** Makes the removals and clears Redis did not take when they happened. */
	private void settleOwedWrites() {
		for (String cacheName : List.copyOf(this.owedClears)) {
			clear(cacheName);
			this.owedClears.remove(cacheName);
			this.owedRemovals.values().removeIf((owed) -> owed.cacheName().equals(cacheName));
		}
		for (Map.Entry<String, OwedRemoval> owed : List.copyOf(this.owedRemovals.entrySet())) {
			removeNow(owed.getValue().cacheName(), owed.getValue().key());
			this.owedRemovals.remove(owed.getKey(), owed.getValue());
		}
	}

	/**
	 * Returns how many removals and clears Redis did not take when they happened and this instance
	 * still owes it.
	 * @return the count
	 */
	public int owedWrites() {
		return this.owedRemovals.size() + this.owedClears.size();
	}

	private record OwedRemoval(String cacheName, CacheKey key) {
	}

	private Opened opened() {
		Opened current = this.opened;
		if (current == null) {
			throw new IllegalStateException("The Redis store is not open");
		}
		return current;
	}

	@Override
	public void close() {
		Opened current = this.opened;
		if (current != null) {
			current.invalidations().stopTrying();
		}
		this.leases.close();
		this.background.shutdownNow();
		this.commands.close();
		boolean subscriberIdle;
		try {
			subscriberIdle = this.background.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			subscriberIdle = false;
		}
		if (current != null) {
			current.invalidations().close(subscriberIdle);
		}
	}

	/** What a read of one key saw, checked again by the write that follows it. */
	private record Observed(long generation, long version) {
	}

	/** What opening the store made. */
	private record Opened(RedisLayout layout, RedisGenerations generations, RedisInvalidations invalidations,
			RedisClears clears, RedisChangeLog changes) {
	}

}
