package io.duocache.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.duocache.key.CacheKey;
import io.duocache.store.InvalidationListener;

/**
 * Hears the invalidations every instance publishes and hands them to the listener. Pub/sub is
 * at-most-once, so messages carry a per-cache sequence number: a gap drops the memory copies of that
 * cache, and every (re)subscription, which may follow a time without one, drops those of all caches.
 * The subscription is made in the background and tried again until Redis answers, so an instance
 * starts and serves while Redis is down.
 */
final class RedisInvalidations implements MessageListener, SubscriptionListener {

	private static final Log logger = LogFactory.getLog(RedisInvalidations.class);

	/** How many times a generation check that Redis did not answer is tried again. */
	private static final int MAX_CHECK_ATTEMPTS = 30;

	private static final InvalidationListener NONE = new InvalidationListener() {

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

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final ScheduledExecutorService background;

	private final RedisStoreSettings settings;

	private final Map<String, Long> sequences = new ConcurrentHashMap<>();

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile Runnable changesAppended = () -> {
	};

	private volatile InvalidationListener listener = NONE;

	private final RedisGenerations generations;

	private final RedisVersions versions;

	/** What a new subscription checks: every generation, and whether the server has replicas. */
	private final Runnable afterSubscribing;

	private volatile boolean closed;

	RedisInvalidations(RedisConnectionFactory connections, String channel, RedisStoreSettings settings,
			ScheduledExecutorService background, RedisGenerations generations, RedisVersions versions,
			Runnable afterSubscribing) {
		this.settings = settings;
		this.background = background;
		this.generations = generations;
		this.versions = versions;
		this.afterSubscribing = afterSubscribing;
		this.container.setConnectionFactory(connections);
		this.container.setRecoveryInterval(settings.timeout().multipliedBy(8).toMillis());
		this.container.addMessageListener(this, new ChannelTopic(channel));
		this.container.afterPropertiesSet();
	}

	void listen(InvalidationListener listener) {
		this.listener = listener;
	}

	/** Subscribes in the background. */
	void start() {
		this.background.execute(this::subscribe);
	}

	boolean isSubscribed() {
		return this.subscribed.get();
	}

	private void subscribe() {
		if (this.closed) {
			return;
		}
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot subscribe to Duocache invalidations yet (" + ex.getMessage() + "); trying again. "
					+ "Meanwhile memory copies of Redis entries live at most duocache.redis.local-ttl.");
			try {
				this.background.schedule(this::subscribe, this.settings.timeout().multipliedBy(8).toMillis(),
						TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException closed) {
				// The store was closed meanwhile.
			}
		}
	}

	/**
	 * Hears {@code sequence|clear|generation|cache} and {@code sequence|remove|key[.version]|cache}:
	 * what the message says is dropped from memory, the generation or version it carries is kept, and
	 * a gap in the cache's sequence drops all its memory copies and checks its generation.
	 */
	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split("\\|", 4);
		if (parts.length == 2 && parts[1].equals("changes")) {
			try {
				this.background.execute(this.changesAppended);
			}
			catch (RejectedExecutionException closed) {
				// The store was closed meanwhile.
			}
			return;
		}
		if (parts.length < 4) {
			return;
		}
		long sequence = Long.parseLong(parts[0]);
		String cacheName = parts[3];
		Long last = this.sequences.put(cacheName, sequence);
		InvalidationListener target = this.listener;
		if (last != null && sequence > last + 1) {
			target.lost(cacheName);
			checkLater(cacheName);
		}
		if (parts[1].equals("clear")) {
			if (parts[2].isEmpty()) {
				// From an instance that does not say the new generation: ask Redis.
				checkLater(cacheName);
			}
			else {
				this.generations.raise(cacheName, Long.parseLong(parts[2]));
			}
			target.cleared(cacheName);
		}
		else {
			String hex = parts[2].substring(0, 32);
			CacheKey key = new CacheKey(Long.parseUnsignedLong(hex.substring(0, 16), 16),
					Long.parseUnsignedLong(hex.substring(16), 16));
			if (parts[2].length() > 33) {
				this.versions.saw(RedisLayout.local(cacheName, key), Long.parseLong(parts[2].substring(33)));
			}
			target.removed(cacheName, key);
		}
	}

	/**
	 * Every (re)subscription may follow a time without one, in which invalidations were missed, or a
	 * failover: memory copies are dropped, every generation is checked (and restored if need be), and
	 * the server is asked whether it has replicas.
	 */
	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.subscribed.set(true);
		this.sequences.clear();
		this.listener.lost(null);
		checkLater(null);
	}

	/**
	 * Checks the generation of one cache, or of all, on the background thread; tried again while Redis
	 * does not answer (right after a failover it may not yet), a bounded number of times.
	 */
	private void checkLater(@Nullable String cacheName) {
		checkLater(cacheName, 0);
	}

	private void checkLater(@Nullable String cacheName, int attempt) {
		Runnable check = () -> {
			try {
				if (cacheName != null) {
					this.generations.check(cacheName);
				}
				else {
					this.generations.checkAll().forEach(this.listener::lost);
					this.afterSubscribing.run();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not check generations after an invalidation gap or a new subscription", ex);
				if (attempt < MAX_CHECK_ATTEMPTS && !this.closed) {
					checkLater(cacheName, attempt + 1);
				}
			}
		};
		try {
			this.background.schedule(check, (attempt == 0) ? 0 : this.settings.timeout().multipliedBy(8).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException closed) {
			// The store was closed meanwhile.
		}
	}

	/** Sets what runs, on the background thread, when another instance appended to the change log. */
	void onChangesAppended(Runnable changesAppended) {
		this.changesAppended = changesAppended;
	}

	/** Stops trying to subscribe; called first when the store closes. */
	void stopTrying() {
		this.closed = true;
	}

	/**
	 * Stops the subscription.
	 * @param subscriberIdle whether the background thread that subscribes has stopped; if not, the
	 * subscription may still be connecting and is left to stop with the JVM
	 */
	void close(boolean subscriberIdle) {
		this.closed = true;
		if (!subscriberIdle) {
			logger.warn("The invalidation subscription is still connecting; it is left to stop with the JVM");
			return;
		}
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Stopping the invalidation subscription failed", ex);
		}
	}

}
