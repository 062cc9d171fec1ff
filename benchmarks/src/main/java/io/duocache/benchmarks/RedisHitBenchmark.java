package io.duocache.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cache.Cache;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import io.duocache.DuocacheConfiguration;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.store.redis.RedisEntryStore;
import io.duocache.store.redis.RedisStoreSettings;

/**
 * A Redis-tier hit (memory emptied first, so the call reads Redis, verifies the signature and hands
 * out a copy) of a half-kilobyte object and of a 100 KB list, next to Spring's
 * {@code RedisCacheManager} reading the same values with its Jackson JSON serializer and with JDK
 * serialization, all on one {@code redis-server} (its port in {@code -Dduocache.redis.port}); and a
 * memory hit of a Redis cache next to one of a memory-only cache. The bytes each keeps per entry are
 * written to the file named by {@code -Dduocache.redis.bytes}. With {@code -Dduocache.redis.cluster}
 * (the masters' ports, comma-separated) the same runs against a Redis Cluster.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RedisHitBenchmark {

	@Param({ "person", "list" })
	public String payload;

	private AnnotationConfigApplicationContext context;

	private LettuceConnectionFactory connections;

	private Services.RedisData data;

	private DataCache redisCache;

	private Cache springJson;

	private Cache springJdk;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		String cluster = System.getProperty("duocache.redis.cluster");
		this.connections = (cluster != null)
				? new LettuceConnectionFactory(new RedisClusterConfiguration(
						Arrays.stream(cluster.split(",")).map((port) -> "127.0.0.1:" + port).toList()))
				: new LettuceConnectionFactory(
						new RedisStandaloneConfiguration("127.0.0.1", Integer.getInteger("duocache.redis.port", 6379)));
		this.connections.afterPropertiesSet();
		this.connections.start();
		try (RedisConnection connection = this.connections.getConnection()) {
			connection.serverCommands().flushAll();
		}
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(DuocacheBeanPostProcessor.REDIS_STORE, RedisEntryStore.class,
				() -> new RedisEntryStore(this.connections, new RedisStoreSettings("bench:",
						"a-benchmark-signing-key-0123456789abcdef", Duration.ofSeconds(2), Duration.ofSeconds(30),
						Duration.ofHours(1), DataSize.ofMegabytes(16), Duration.ofSeconds(10))));
		this.context.register(DuocacheConfiguration.class);
		this.context.registerBean(Services.RedisData.class);
		this.context.refresh();
		this.data = this.context.getBean(Services.RedisData.class);
		Object value = redisCall();
		memoryCall();
		this.redisCache = this.context.getBean(DataCaches.class).getTierCache("RedisData." + this.payload);
		GenericJacksonJsonRedisSerializer json = GenericJacksonJsonRedisSerializer.builder()
			.enableUnsafeDefaultTyping()
			.customize((JsonMapper.Builder builder) -> builder.changeDefaultVisibility((checker) -> checker
				.withFieldVisibility(Visibility.ANY)
				.withGetterVisibility(Visibility.NONE)
				.withIsGetterVisibility(Visibility.NONE)))
			.build();
		this.springJson = RedisCacheManager.builder(this.connections)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
				.serializeValuesWith(SerializationPair.fromSerializer(json)))
			.build()
			.getCache("json");
		this.springJdk = RedisCacheManager.builder(this.connections)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
				.serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.java())))
			.build()
			.getCache("jdk");
		this.springJson.put(1, value);
		this.springJdk.put(1, value);
		awaitStoredInRedis();
		recordBytes();
	}

	/** The first calls of a cold JVM may outrun the store's timeout and stay in memory only. */
	private void awaitStoredInRedis() {
		for (int attempt = 0; attempt < 100 && this.redisCache.storeCounters().hits() == 0; attempt++) {
			this.redisCache.releaseAll();
			redisCall();
		}
		if (this.redisCache.storeCounters().hits() == 0) {
			throw new IllegalStateException("Duocache never read its entry back from Redis");
		}
	}

	private void recordBytes() throws IOException {
		String out = System.getProperty("duocache.redis.bytes");
		if (out == null) {
			return;
		}
		Map<String, Long> sizes = new LinkedHashMap<>();
		try (RedisConnection connection = this.connections.getConnection()) {
			for (byte[] key : connection.keyCommands().keys("*".getBytes())) {
				String name = new String(key);
				if (name.startsWith("bench:RedisData." + this.payload + ":0:{")) {
					sizes.put("duocache", connection.stringCommands().strLen(key));
				}
				else if (name.startsWith("json::")) {
					sizes.put("springJson", connection.stringCommands().strLen(key));
				}
				else if (name.startsWith("jdk::")) {
					sizes.put("springJdk", connection.stringCommands().strLen(key));
				}
			}
		}
		Path file = Path.of(out);
		Map<String, Object> all = new LinkedHashMap<>();
		if (Files.exists(file)) {
			all.putAll(JsonMapper.shared().readValue(file.toFile(), Map.class));
		}
		all.put(this.payload, sizes);
		JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
		this.connections.destroy();
	}

	@Benchmark
	public Object duocacheRedisHit() {
		this.redisCache.releaseAll();
		return redisCall();
	}

	@Benchmark
	public Object springJsonHit() {
		return this.springJson.get(1).get();
	}

	@Benchmark
	public Object springJdkHit() {
		return this.springJdk.get(1).get();
	}

	@Benchmark
	public Object duocacheMemoryHitOfRedisCache() {
		return redisCall();
	}

	@Benchmark
	public Object duocacheMemoryHitOfMemoryCache() {
		return memoryCall();
	}

	private Object redisCall() {
		return "person".equals(this.payload) ? this.data.person(1) : this.data.list(1);
	}

	private Object memoryCall() {
		return "person".equals(this.payload) ? this.data.personInMemory(1) : this.data.listInMemory(1);
	}

}
