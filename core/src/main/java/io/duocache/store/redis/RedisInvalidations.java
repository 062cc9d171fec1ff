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

	private volatile InvalidationListener listener = NONE;

	private volatile boolean closed;

	RedisInvalidations(RedisConnectionFactory connections, String channel, RedisStoreSettings settings,
			ScheduledExecutorService background) {
		this.settings = settings;
		this.background = background;
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

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split("\\|", 4);
		if (parts.length < 4) {
			return;
		}
		long sequence = Long.parseLong(parts[0]);
		String cacheName = parts[3];
		Long last = this.sequences.put(cacheName, sequence);
		InvalidationListener target = this.listener;
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
		this.subscribed.set(true);
		this.sequences.clear();
		this.listener.lost(null);
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
