package io.duocache.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.EntryStore;
import io.duocache.store.EntryTooLargeException;
import io.duocache.store.InvalidationListener;
import io.duocache.store.StoredEntry;

import static io.duocache.store.redis.RedisLayout.bytes;
import static io.duocache.store.redis.RedisLayout.text;

/**
 * Keeps entries in Redis, shared by every instance of the application: the same header and Smile
 * bytes as the disk store, signed with HMAC-SHA256, under a key that holds the cache's generation, so
 * clearing a cache is one increment for every instance at once ({@link RedisLayout}). Reads and writes
 * are Lua scripts that see the generation and the entry's version together, so a value computed
 * before an invalidation is never written after it ({@link RedisScripts}). Invalidations are
 * published with a per-cache sequence number ({@link RedisInvalidations}). One instance at a time
 * computes a missing key ({@link RedisLeases}). Every operation is
 * bounded by a timeout and skipped while a circuit breaker is open, so Redis being down or slow never
 * reaches a caller ({@link RedisCommands}).
 */
public final class RedisEntryStore implements EntryStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisEntryStore.class);

	private final RedisConnectionFactory connections;

	private final RedisStoreSettings settings;

	private final RedisCommands commands;

	private final ScheduledExecutorService background;

	private final RedisLeases leases;

	/** What a read saw (generation, version) for each key, so the write that follows can check it. */
	private final Cache<String, Observed> observed = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final AtomicBoolean opened = new AtomicBoolean();

	private volatile @Nullable RedisLayout layout;

	private volatile @Nullable RedisInvalidations invalidations;

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
	}

	/**
	 * Checks the signing key and subscribes to invalidations; called when the first cache that
	 * persists to Redis is created. Redis being unreachable does not fail it: calls go on from memory
	 * until Redis answers.
	 * @throws DuocacheException if the signing key is missing or too short
	 */
	@Override
	public void open() {
		if (!this.opened.compareAndSet(false, true)) {
			return;
		}
		String key = this.settings.signingKey();
		if (key == null || key.length() < RedisStoreSettings.MIN_SIGNING_KEY_LENGTH) {
			this.opened.set(false);
			throw new DuocacheException("The Redis store needs duocache.redis.signing-key, a secret of at least "
					+ RedisStoreSettings.MIN_SIGNING_KEY_LENGTH + " characters that every instance shares, to sign "
					+ "its entries; it is " + ((key == null) ? "missing" : "only " + key.length() + " characters long")
					+ ". To fix this, make one with 'openssl rand -base64 48' and set it, for example through the "
					+ "DUOCACHE_SIGNING_KEY environment variable with duocache.redis.signing-key: "
					+ "${DUOCACHE_SIGNING_KEY}.");
		}
		RedisLayout opened = new RedisLayout(this.settings.keyPrefix(), EntrySigner.of(key));
		this.layout = opened;
		RedisInvalidations heard = new RedisInvalidations(this.connections, opened.channel(), this.settings,
				this.background);
		InvalidationListener current = this.listener;
		if (current != null) {
			heard.listen(current);
		}
		this.invalidations = heard;
		heard.start();
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
	public void listen(InvalidationListener listener) {
		this.listener = listener;
		RedisInvalidations heard = this.invalidations;
		if (heard != null) {
			heard.listen(listener);
		}
	}

	/**
	 * Returns whether invalidations from other instances have been heard since the store opened.
	 * @return whether the store has subscribed at least once
	 */
	public boolean isSubscribed() {
		RedisInvalidations heard = this.invalidations;
		return heard != null && heard.isSubscribed();
	}

	/**
	 * Returns whether calls skip Redis now, after repeated failures.
	 * @return whether the circuit is open
	 */
	public boolean isCircuitOpen() {
		return this.commands.isCircuitOpen();
	}

	@Override
	public @Nullable StoredEntry load(String cacheName, CacheKey key) {
		RedisLayout layout = layout();
		String base = layout.base(cacheName);
		List<byte[]> read = this.commands.read(RedisScripts.LOAD, bytes(layout.generation(cacheName)), bytes(base),
				bytes(key.toHex()));
		String generation = text(read.get(0));
		String version = text(read.get(1));
		this.observed.put(base + key.toHex(), new Observed(generation, version));
		byte[] value = (read.size() > 2) ? read.get(2) : null;
		if (value == null) {
			return null;
		}
		StoredEntry entry;
		try {
			entry = layout.entry(layout.entry(cacheName, generation, key), key, value);
		}
		catch (CorruptEntryException ex) {
			removeQuietly(cacheName, key);
			throw ex;
		}
		return entry.isExpiredAt(Instant.now()) ? null : entry;
	}

	@Override
	public boolean lead(String cacheName, CacheKey key) {
		return this.leases.take(layout().lease(cacheName, key));
	}

	@Override
	public Duration leaseWait() {
		return this.settings.lease().plus(this.settings.timeout());
	}

	@Override
	public void save(String cacheName, CacheKey key, StoredEntry entry) {
		RedisLayout layout = layout();
		String base = layout.base(cacheName);
		try {
			Observed seen = this.observed.asMap().remove(base + key.toHex());
			if (seen == null) {
				return;
			}
			long length = RedisLayout.valueLength(EntryFormat.HEADER_BYTES + (long) entry.bytes().length
					+ EntryFormat.TRAILER_BYTES);
			if (length > this.settings.maxValueSize().toBytes()) {
				throw new EntryTooLargeException(cacheName, length - RedisLayout.valueLength(0),
						"duocache.redis.max-value-size (" + this.settings.maxValueSize() + ")");
			}
			byte[] value = layout.value(layout.entry(cacheName, seen.generation(), key), key, entry);
			long expiry = redisExpiryMillis(entry);
			if (expiry <= 0) {
				return;
			}
			this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.SAVE, ReturnType.INTEGER,
					1, bytes(layout.generation(cacheName)), bytes(base), bytes(key.toHex()), bytes(seen.generation()),
					bytes(seen.version()), value, bytes(Long.toString(expiry))));
		}
		finally {
			this.leases.release(layout.lease(cacheName, key));
		}
	}

	@Override
	public void abandon(String cacheName, CacheKey key) {
		this.observed.invalidate(layout().base(cacheName) + key.toHex());
		this.leases.release(layout().lease(cacheName, key));
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

	@Override
	public void remove(String cacheName, CacheKey key) {
		RedisLayout layout = layout();
		this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.REMOVE, ReturnType.INTEGER, 2,
				bytes(layout.generation(cacheName)), bytes(layout.sequence(cacheName)), bytes(layout.base(cacheName)),
				bytes(key.toHex()), bytes(Long.toString(this.settings.maxTtl().toMillis())), bytes(layout.channel()),
				bytes(cacheName)));
	}

	private void removeQuietly(String cacheName, CacheKey key) {
		try {
			remove(cacheName, key);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove an unreadable entry of cache '" + cacheName + "'", ex);
		}
	}

	@Override
	public void clear(String cacheName) {
		RedisLayout layout = layout();
		Long previous = this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.CLEAR,
				ReturnType.INTEGER, 2, bytes(layout.generation(cacheName)), bytes(layout.sequence(cacheName)),
				bytes(layout.channel()), bytes(cacheName)));
		this.background.execute(() -> unlinkGeneration(layout.base(cacheName), previous));
	}

	/** Frees the memory of a cleared generation's entries in Redis, with SCAN and UNLINK, never KEYS. */
	private void unlinkGeneration(String base, long generation) {
		try {
			this.commands.execute((connection) -> {
				ScanOptions options = ScanOptions.scanOptions().match(escape(base) + generation + ":*").count(500).build();
				try (Cursor<byte[]> keys = connection.keyCommands().scan(options)) {
					for (int scanned = 0; keys.hasNext() && scanned < 1_000_000; scanned++) {
						connection.keyCommands().unlink(keys.next());
					}
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			logger.debug("Could not free a cleared generation of " + base + "; its entries expire on their own", ex);
		}
	}

	private RedisLayout layout() {
		RedisLayout current = this.layout;
		if (current == null) {
			throw new IllegalStateException("The Redis store is not open");
		}
		return current;
	}

	private static String escape(String pattern) {
		return pattern.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
	}

	@Override
	public void close() {
		RedisInvalidations heard = this.invalidations;
		if (heard != null) {
			heard.stopTrying();
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
		if (heard != null) {
			heard.close(subscriberIdle);
		}
	}

	/** What a read of one key saw, checked again by the write that follows it. */
	private record Observed(String generation, String version) {
	}

}
