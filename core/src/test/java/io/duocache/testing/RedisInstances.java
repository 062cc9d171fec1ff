package io.duocache.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.unit.DataSize;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.DuocacheConfiguration;
import io.duocache.Persist;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.store.redis.RedisEntryStore;
import io.duocache.store.redis.RedisStoreSettings;

import static org.awaitility.Awaitility.await;

/**
 * Application contexts ("instances") sharing one Redis topology through a {@link Quotes} bean whose
 * cache persists to Redis, each with its own Lettuce connection factory configured as Spring Boot
 * would for {@code spring.data.redis.cluster.*} (adaptive and periodic topology refresh) or
 * {@code spring.data.redis.sentinel.*}.
 */
public final class RedisInstances implements AutoCloseable {

	private static final String SIGNING_KEY = "a-test-signing-key-that-is-long-enough-0123456789";

	private final Supplier<LettuceConnectionFactory> connections;

	private final List<AnnotationConfigApplicationContext> started = new ArrayList<>();

	private RedisInstances(Supplier<LettuceConnectionFactory> connections) {
		this.connections = connections;
	}

	/** Instances of one server on a loopback port. */
	public static RedisInstances onServer(int port) {
		return new RedisInstances(() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port)));
	}

	/** Instances of a cluster whose masters listen on these loopback ports. */
	public static RedisInstances onCluster(List<Integer> ports) {
		return new RedisInstances(() -> {
			ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.enablePeriodicRefresh(Duration.ofSeconds(1))
				.build();
			LettuceClientConfiguration client = LettuceClientConfiguration.builder()
				.clientOptions(ClusterClientOptions.builder()
					.topologyRefreshOptions(refresh)
					.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
					.build())
				.commandTimeout(Duration.ofSeconds(2))
				.build();
			return new LettuceConnectionFactory(
					new RedisClusterConfiguration(ports.stream().map((port) -> "127.0.0.1:" + port).toList()), client);
		});
	}

	/** Instances of the master that Sentinels on these loopback ports monitor. */
	public static RedisInstances onSentinels(String masterName, List<Integer> sentinelPorts) {
		return new RedisInstances(() -> {
			RedisSentinelConfiguration sentinels = new RedisSentinelConfiguration();
			sentinels.master(masterName);
			sentinelPorts.forEach((port) -> sentinels.sentinel("127.0.0.1", port));
			LettuceClientConfiguration client = LettuceClientConfiguration.builder()
				.clientOptions(ClientOptions.builder()
					.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
					.build())
				.commandTimeout(Duration.ofSeconds(2))
				.build();
			return new LettuceConnectionFactory(sentinels, client);
		});
	}

	/** Starts an instance, connected and subscribed before it returns. */
	public AnnotationConfigApplicationContext start() {
		return start(SIGNING_KEY, List.of());
	}

	/**
	 * Starts an instance that signs with its own key and still verifies what earlier keys signed, as
	 * instances do while a rotation of the signing key rolls out.
	 */
	public AnnotationConfigApplicationContext start(String signingKey, List<String> previousSigningKeys) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.started.add(context);
		LettuceConnectionFactory connections = this.connections.get();
		context.registerBean("redisConnectionFactory", LettuceConnectionFactory.class, () -> connections);
		context.registerBean(DuocacheBeanPostProcessor.REDIS_STORE, RedisEntryStore.class,
				() -> new RedisEntryStore(connections, new RedisStoreSettings("duocache:", signingKey,
						Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofHours(24), DataSize.ofMegabytes(16),
						Duration.ofSeconds(2), previousSigningKeys)));
		context.register(DuocacheConfiguration.class);
		context.registerBean(Quotes.class);
		context.refresh();
		try (var connection = connections.getConnection()) {
			connection.ping();
		}
		await().atMost(Duration.ofSeconds(20)).until(context.getBean(RedisEntryStore.class)::isSubscribed);
		return context;
	}

	public static Quotes quotes(AnnotationConfigApplicationContext instance) {
		return instance.getBean(Quotes.class);
	}

	public static RedisEntryStore store(AnnotationConfigApplicationContext instance) {
		return instance.getBean(RedisEntryStore.class);
	}

	public static DataCache cache(AnnotationConfigApplicationContext instance) {
		return instance.getBean(DataCaches.class).getTierCache("Quotes.quote");
	}

	public static void clear(AnnotationConfigApplicationContext instance) {
		instance.getBean(CacheDataManager.class).clear("Quotes.quote");
	}

	public static void clear(AnnotationConfigApplicationContext instance, String id) {
		instance.getBean(CacheDataManager.class).clear("Quotes.quote", id);
	}

	@Override
	public void close() {
		this.started.forEach(AnnotationConfigApplicationContext::close);
	}

	/**
	 * A bean whose cached method returns the id with the number of times it was computed in this JVM
	 * ({@code a#1}, then {@code a#2} after a clear), so a test can tell a value computed after a clear
	 * from one computed before it.
	 */
	public static class Quotes {

		private static final ConcurrentHashMap<String, AtomicInteger> COMPUTED = new ConcurrentHashMap<>();

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData(persist = Persist.REDIS, ttl = "1h")
		public List<String> quote(String id) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(id + "#" + COMPUTED.computeIfAbsent(id, (key) -> new AtomicInteger())
				.incrementAndGet()));
		}

		public int computations() {
			return this.computations.get();
		}

	}

}
