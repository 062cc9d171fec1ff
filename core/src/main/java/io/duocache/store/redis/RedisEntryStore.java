package io.duocache.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.EntryTooLargeException;
import io.duocache.store.EntryStore;
import io.duocache.store.InvalidationListener;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;

/**
 * Keeps entries in Redis, shared by every instance of an application. Each entry is the common
 * entry format signed with HMAC-SHA256, under a key that holds the cache's generation, so clearing
 * a cache is one increment for every instance at once. Reads and writes are Lua scripts that see the
 * generation and the entry's version together, so a value computed before an invalidation is never
 * written after it. Invalidations are published with a per-cache sequence number; a gap or a new
 * subscription tells every instance to drop its memory copies. One instance at a time computes a
 * missing key (a lease); the others wait for its value. Every operation is bounded by a timeout and
 * skipped while a circuit breaker is open, so Redis being down or slow never reaches a caller.
 */
public final class RedisEntryStore implements EntryStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisEntryStore.class);

	private static final int MAC_BYTES = EntrySigner.SIGNATURE_BYTES;

	private static final Script LOAD = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			return {g, redis.call('GET', e .. ':version') or '0', redis.call('GET', e)}
			""");

	private static final Script SAVE = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			if g ~= ARGV[3] then return 0 end
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			if (redis.call('GET', e .. ':version') or '0') ~= ARGV[4] then return 0 end
			redis.call('SET', e, ARGV[5], 'PX', ARGV[6])
			return 1
			""");

	private static final Script REMOVE = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			redis.call('UNLINK', e)
			redis.call('INCR', e .. ':version')
			redis.call('PEXPIRE', e .. ':version', ARGV[3])
			local s = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[4], s .. '|remove|' .. ARGV[2] .. '|' .. ARGV[5])
			return s
			""");

	private static final Script CLEAR = script("""
			local g = redis.call('INCR', KEYS[1])
			local s = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[1], s .. '|clear||' .. ARGV[2])
			return g - 1
			""");

	private static final Script RELEASE_LEASE = script("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""");

	private static final Script RENEW_LEASE = script("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 0
			""");

	/** How often a waiting instance looks whether the leaseholder's value has landed. */
	private static final Duration LEASE_POLL = Duration.ofMillis(25);

	private final RedisConnectionFactory connections;

	private final RedisStoreSettings settings;

	private final CircuitBreaker circuit;

	private final ThreadPoolExecutor operations;

	private final @Nullable CallerThreadReads callerThreadReads;

	private final ScheduledExecutorService background;

	private final String token = UUID.randomUUID().toString();

	/** What a read saw (generation, version) for each key, so the write that follows can check it. */
	private final Cache<String, Observed> observed = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final Map<String, Long> sequences = new ConcurrentHashMap<>();

	private final AtomicBoolean opened = new AtomicBoolean();

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile boolean closed;

	private volatile @Nullable EntrySigner signer;

	private volatile @Nullable RedisMessageListenerContainer listenerContainer;

	private volatile InvalidationListener listener = new InvalidationListener() {

		@Override
		public void cleared(String cacheName) {
		}

		@Override
		public void removed(String cacheName, CacheKey key) {
		}

		@Override
		public void lost(@Nullable String cacheName) {
		}

	};

	/**
	 * Creates the store; nothing is sent to Redis until {@link #open()}.
	 * @param connections the application's connection factory
	 * @param settings how entries are kept
	 */
	public RedisEntryStore(RedisConnectionFactory connections, RedisStoreSettings settings) {
		this.connections = connections;
		this.settings = settings;
		this.circuit = new CircuitBreaker(5, settings.timeout().multipliedBy(8));
		this.callerThreadReads = CallerThreadReads.of(connections);
		this.operations = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
				daemon("duocache-redis"));
		this.operations.allowCoreThreadTimeOut(true);
		this.background = Executors.newSingleThreadScheduledExecutor(daemon("duocache-redis-background"));
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
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
		this.signer = EntrySigner.of(key);
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connections);
		container.setRecoveryInterval(this.settings.timeout().multipliedBy(8).toMillis());
		container.addMessageListener(new Invalidations(), new ChannelTopic(channel()));
		container.afterPropertiesSet();
		this.listenerContainer = container;
		this.background.execute(() -> subscribe(container));
	}

	/**
	 * Subscribes to invalidations away from the caller's thread, trying again until Redis answers, so
	 * an instance starts and serves while Redis is down.
	 */
	private void subscribe(RedisMessageListenerContainer container) {
		if (this.closed) {
			return;
		}
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot subscribe to Duocache invalidations yet (" + ex.getMessage() + "); trying again. "
					+ "Meanwhile memory copies of Redis entries live at most duocache.redis.local-ttl.");
			try {
				this.background.schedule(() -> subscribe(container), this.settings.timeout().multipliedBy(8).toMillis(),
						TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException closed) {
				// The store was closed meanwhile.
			}
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
	public void listen(InvalidationListener listener) {
		this.listener = listener;
	}

	/**
	 * Returns whether invalidations from other instances have been heard since the store opened.
	 * @return whether the store has subscribed at least once
	 */
	public boolean isSubscribed() {
		return this.subscribed.get();
	}

	/**
	 * Returns whether calls skip Redis now, after repeated failures.
	 * @return whether the circuit is open
	 */
	public boolean isCircuitOpen() {
		return this.circuit.isOpen();
	}

	@Override
	public @Nullable StoredEntry load(String cacheName, CacheKey key) {
		String base = base(cacheName);
		List<byte[]> read = read(LOAD, bytes(base + "generation"), bytes(base), bytes(key.toHex()));
		String generation = text(read.get(0));
		String version = text(read.get(1));
		this.observed.put(base + key.toHex(), new Observed(generation, version));
		byte[] value = (read.size() > 2) ? read.get(2) : null;
		if (value == null) {
			return null;
		}
		String entryKey = base + generation + ":" + key.toHex();
		if (value.length < MAC_BYTES || !signer().verifies(Arrays.copyOf(value, MAC_BYTES), bytes(entryKey),
				ByteBuffer.wrap(value, MAC_BYTES, value.length - MAC_BYTES))) {
			removeQuietly(cacheName, key);
			throw new CorruptEntryException(entryKey + ": signature does not match");
		}
		StoredEntry entry;
		try {
			entry = EntryFormat.decode(key, Arrays.copyOfRange(value, MAC_BYTES, value.length));
		}
		catch (CorruptEntryException ex) {
			removeQuietly(cacheName, key);
			throw new CorruptEntryException(entryKey + ": " + ex.getMessage());
		}
		return entry.isExpiredAt(Instant.now()) ? null : entry;
	}

	@Override
	public @Nullable StoredEntry loadOrLead(String cacheName, CacheKey key) {
		StoredEntry entry = load(cacheName, key);
		if (entry != null || takeLease(cacheName, key)) {
			return entry;
		}
		long deadline = System.nanoTime() + this.settings.lease().toNanos() + this.settings.timeout().toNanos();
		while (System.nanoTime() < deadline) {
			sleep(LEASE_POLL);
			entry = load(cacheName, key);
			if (entry != null || takeLease(cacheName, key)) {
				return entry;
			}
		}
		return null;
	}

	@Override
	public RefreshLead leadRefresh(String cacheName, CacheKey key, Instant writtenAt) {
		RefreshLead stored = EntryStore.super.leadRefresh(cacheName, key, writtenAt);
		if (!stored.compute()) {
			return stored;
		}
		if (takeLease(cacheName, key)) {
			return RefreshLead.COMPUTE;
		}
		this.observed.invalidate(base(cacheName) + key.toHex());
		return RefreshLead.ELSEWHERE;
	}

	@Override
	public void save(String cacheName, CacheKey key, StoredEntry entry) {
		String base = base(cacheName);
		try {
			Observed seen = this.observed.asMap().remove(base + key.toHex());
			if (seen == null) {
				return;
			}
			byte[] encoded = EntryFormat.encode(key, entry);
			if (encoded.length + MAC_BYTES > this.settings.maxValueSize().toBytes()) {
				throw new EntryTooLargeException(cacheName, encoded.length,
						"duocache.redis.max-value-size (" + this.settings.maxValueSize() + ")");
			}
			String entryKey = base + seen.generation() + ":" + key.toHex();
			byte[] value = new byte[MAC_BYTES + encoded.length];
			System.arraycopy(signer().sign(bytes(entryKey), ByteBuffer.wrap(encoded)), 0, value, 0, MAC_BYTES);
			System.arraycopy(encoded, 0, value, MAC_BYTES, encoded.length);
			long expiry = redisExpiryMillis(entry);
			if (expiry <= 0) {
				return;
			}
			execute((connection) -> run(connection, SAVE, ReturnType.INTEGER, 1, bytes(base + "generation"),
					bytes(base), bytes(key.toHex()), bytes(seen.generation()), bytes(seen.version()), value,
					bytes(Long.toString(expiry))));
		}
		finally {
			releaseLease(cacheName, key);
		}
	}

	@Override
	public void abandon(String cacheName, CacheKey key) {
		this.observed.invalidate(base(cacheName) + key.toHex());
		releaseLease(cacheName, key);
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
		String base = base(cacheName);
		execute((connection) -> run(connection, REMOVE, ReturnType.INTEGER, 2, bytes(base + "generation"),
				bytes(base + "sequence"), bytes(base), bytes(key.toHex()),
				bytes(Long.toString(this.settings.maxTtl().toMillis())), bytes(channel()), bytes(cacheName)));
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
		String base = base(cacheName);
		Long previous = execute((connection) -> run(connection, CLEAR, ReturnType.INTEGER, 2,
				bytes(base + "generation"), bytes(base + "sequence"), bytes(channel()), bytes(cacheName)));
		this.background.execute(() -> unlinkGeneration(base, previous));
	}

	/** Frees the memory of a cleared generation's entries in Redis, with SCAN and UNLINK, never KEYS. */
	private void unlinkGeneration(String base, long generation) {
		try {
			execute((connection) -> {
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

	private boolean takeLease(String cacheName, CacheKey key) {
		String leaseKey = base(cacheName) + "lease:" + key.toHex();
		Boolean taken = execute((connection) -> connection.stringCommands()
			.set(bytes(leaseKey), bytes(this.token), Expiration.from(this.settings.lease()), SetOption.ifAbsent()));
		if (!Boolean.TRUE.equals(taken)) {
			return false;
		}
		long renewEvery = Math.max(10, this.settings.lease().toMillis() / 3);
		Lease lease = new Lease(leaseKey, this.background.scheduleWithFixedDelay(() -> renew(leaseKey), renewEvery,
				renewEvery, TimeUnit.MILLISECONDS));
		Lease previous = this.leases.put(leaseKey, lease);
		if (previous != null) {
			previous.renewal().cancel(false);
		}
		return true;
	}

	private void renew(String leaseKey) {
		try {
			execute((connection) -> run(connection, RENEW_LEASE, ReturnType.INTEGER, 1, bytes(leaseKey), bytes(this.token),
						bytes(Long.toString(this.settings.lease().toMillis()))));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not renew the lease " + leaseKey, ex);
		}
	}

	private void releaseLease(String cacheName, CacheKey key) {
		Lease lease = this.leases.remove(base(cacheName) + "lease:" + key.toHex());
		if (lease == null) {
			return;
		}
		lease.renewal().cancel(false);
		try {
			execute((connection) -> run(connection, RELEASE_LEASE, ReturnType.INTEGER, 1, bytes(lease.key()),
					bytes(this.token)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the lease " + lease.key() + "; it expires on its own", ex);
		}
	}

	/**
	 * Runs a read script (one key) and returns its non-nil values: from the caller's thread once
	 * connected, else on a worker thread, within the timeout either way.
	 * @throws StoreUnavailableException if Redis failed, timed out, or is being skipped
	 */
	private List<byte[]> read(Script script, byte[]... args) {
		CallerThreadReads direct = this.callerThreadReads;
		if (direct == null || !direct.isConnected()) {
			List<Object> values = execute((connection) -> run(connection, script, ReturnType.MULTI, 1, args));
			return values.stream().filter(Objects::nonNull).map((value) -> (byte[]) value).toList();
		}
		if (!this.circuit.allow()) {
			throw new StoreUnavailableException("Redis is skipped after repeated failures", null);
		}
		try {
			return await(direct.run(script.sha(), script.body(), 1, args));
		}
		catch (StoreUnavailableException ex) {
			direct.disconnect();
			throw ex;
		}
	}

	/**
	 * Runs one Redis operation on a worker thread within the timeout, unless the circuit is open.
	 * @throws StoreUnavailableException if Redis failed, timed out, or is being skipped
	 */
	private <T> T execute(Function<RedisConnection, T> operation) {
		if (!this.circuit.allow()) {
			throw new StoreUnavailableException("Redis is skipped after repeated failures", null);
		}
		Future<T> result;
		try {
			result = this.operations.submit(() -> {
				T value;
				try (RedisConnection connection = this.connections.getConnection()) {
					value = operation.apply(connection);
				}
				if (this.callerThreadReads != null) {
					this.callerThreadReads.connect();
				}
				return value;
			});
		}
		catch (RejectedExecutionException ex) {
			this.circuit.failure();
			throw new StoreUnavailableException("too many Redis operations are waiting", ex);
		}
		return await(result);
	}

	private <T> T await(Future<T> result) {
		try {
			T value = result.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
			this.circuit.success();
			return value;
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			this.circuit.failure();
			throw new StoreUnavailableException("no answer from Redis within " + this.settings.timeout(), ex);
		}
		catch (ExecutionException ex) {
			this.circuit.failure();
			throw new StoreUnavailableException("Redis failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.circuit.failure();
			throw new StoreUnavailableException("interrupted while waiting for Redis", ex);
		}
	}

	private EntrySigner signer() {
		EntrySigner current = this.signer;
		if (current == null) {
			throw new IllegalStateException("The Redis store is not open");
		}
		return current;
	}

	private String base(String cacheName) {
		return this.settings.keyPrefix() + "{" + cacheName + "}:";
	}

	private String channel() {
		return this.settings.keyPrefix() + "invalidations";
	}

	private static String escape(String pattern) {
		return pattern.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Object value) {
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static Script script(String source) {
		byte[] body = bytes(source);
		try {
			return new Script(body, java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a script by its digest, sending its body only when Redis does not know it yet. */
	private static <T> T run(RedisConnection connection, Script script, ReturnType type, int keys, byte[]... args) {
		try {
			return connection.scriptingCommands().evalSha(script.sha(), type, keys, args);
		}
		catch (RuntimeException ex) {
			if (!String.valueOf(ex.getMessage()).contains("NOSCRIPT")
					&& (ex.getCause() == null || !String.valueOf(ex.getCause().getMessage()).contains("NOSCRIPT"))) {
				throw ex;
			}
			return connection.scriptingCommands().eval(script.body(), type, keys, args);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoreUnavailableException("interrupted while waiting for another instance's value", ex);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.leases.values().forEach((lease) -> lease.renewal().cancel(false));
		this.background.shutdownNow();
		this.operations.shutdownNow();
		if (this.callerThreadReads != null) {
			this.callerThreadReads.disconnect();
		}
		boolean subscriberIdle;
		try {
			subscriberIdle = this.background.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			subscriberIdle = false;
		}
		RedisMessageListenerContainer container = this.listenerContainer;
		if (container == null) {
			return;
		}
		if (!subscriberIdle) {
			logger.warn("The invalidation subscription is still connecting; it is left to stop with the JVM");
			return;
		}
		try {
			container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Stopping the invalidation subscription failed", ex);
		}
	}

	/** A Lua script and its SHA-1 digest. */
	private record Script(byte[] body, String sha) {
	}

	/** What a read of one key saw, checked again by the write that follows it. */
	private record Observed(String generation, String version) {
	}

	private record Lease(String key, java.util.concurrent.ScheduledFuture<?> renewal) {
	}

	/** Invalidations published by any instance, this one included. */
	private final class Invalidations implements MessageListener, SubscriptionListener {

		@Override
		public void onMessage(Message message, byte @Nullable [] pattern) {
			String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split("\\|", 4);
			if (parts.length < 4) {
				return;
			}
			long sequence = Long.parseLong(parts[0]);
			String cacheName = parts[3];
			Long last = RedisEntryStore.this.sequences.put(cacheName, sequence);
			InvalidationListener target = RedisEntryStore.this.listener;
			if (last != null && sequence > last + 1) {
				target.lost(cacheName);
			}
			if (parts[1].equals("clear")) {
				target.cleared(cacheName);
			}
			else {
				target.removed(cacheName, new CacheKey(Long.parseUnsignedLong(parts[2].substring(0, 16), 16),
						Long.parseUnsignedLong(parts[2].substring(16), 16)));
			}
		}

		/** Every (re)subscription may follow a time without one, in which invalidations were missed. */
		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			RedisEntryStore.this.subscribed.set(true);
			RedisEntryStore.this.sequences.clear();
			RedisEntryStore.this.listener.lost(null);
		}

	}

}
