package io.duocache.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.DuocacheConfiguration;
import io.duocache.DuocacheException;
import io.duocache.Persist;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.data.StoreCounters;
import io.duocache.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code persist = REDIS} with two or more application contexts ("instances") sharing one real
 * {@code redis-server}: shared entries, invalidation for every instance, lost messages, one
 * computation across instances, damaged entries, and Redis stopped, frozen and restarted.
 */
class RedisPersistenceTests {

	private static final String SIGNING_KEY = "a-test-signing-key-that-is-long-enough-0123456789";

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private final List<AnnotationConfigApplicationContext> instances = new ArrayList<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	@BeforeEach
	void flush() throws Exception {
		redis.command("FLUSHALL");
	}

	@AfterEach
	void close() {
		this.executor.shutdownNow();
		this.instances.forEach(AnnotationConfigApplicationContext::close);
	}

	@Test
	void computesOnceAndHandsFreshCopiesToTheOtherInstance() {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		assertThat(one.load("a")).containsExactly("a-1");
		List<String> copy = two.load("a");
		assertThat(copy).containsExactly("a-1");
		copy.add("mutated");
		assertThat(two.load("a")).containsExactly("a-1");
		assertThat(one.computations() + two.computations()).isEqualTo(1);
		assertThat(dataCache(1, "Prices.load").storeCounters().hits()).isEqualTo(1);
	}

	@Test
	void givesEveryKeyTheEntrysRemainingTtlOrTheMaxTtl() throws Exception {
		Prices prices = start(SIGNING_KEY).getBean(Prices.class);
		prices.load("a");
		prices.forever("a");
		long withTtl = Long.parseLong(redis.command("PTTL", onlyKey("Prices.load")));
		long withoutTtl = Long.parseLong(redis.command("PTTL", onlyKey("Prices.forever")));
		assertThat(withTtl).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofMinutes(61).toMillis());
		assertThat(withoutTtl).isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());
	}

	@Test
	void clearingAllOnOneInstanceIsSeenByTheOtherWithinASecond() {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		one.load("a");
		two.load("a");
		this.instances.get(0).getBean(CacheDataManager.class).clear("Prices.load");
		await().atMost(Duration.ofSeconds(1))
			.until(() -> dataCache(1, "Prices.load").estimatedSize() == 0);
		two.load("a");
		assertThat(one.computations() + two.computations()).isEqualTo(2);
	}

	@Test
	void oneInstanceRefreshesAStaleKeyForAllAndWritesItThrough() throws Exception {
		String id = "r" + System.nanoTime();
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		assertThat(one.refreshed(id)).containsExactly(id + "-1");
		assertThat(two.refreshed(id)).containsExactly(id + "-1");
		Thread.sleep(1100);
		assertThat(one.refreshed(id)).containsExactly(id + "-1");
		assertThat(two.refreshed(id)).containsExactly(id + "-1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> one.refreshed(id).equals(List.of(id + "-2")) && two.refreshed(id).equals(List.of(id + "-2")));
		assertThat(one.refreshedComputations() + two.refreshedComputations()).isEqualTo(2);
	}

	@Test
	void clearingOneEntryOnOneInstanceIsSeenByTheOtherWithinASecond() {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		one.load("a");
		one.load("b");
		two.load("a");
		two.load("b");
		this.instances.get(0).getBean(CacheDataManager.class).clear("Prices.load", "a");
		await().atMost(Duration.ofSeconds(1)).until(() -> dataCache(1, "Prices.load").estimatedSize() == 1);
		two.load("a");
		two.load("b");
		assertThat(one.computations() + two.computations()).isEqualTo(3);
	}

	@Test
	void dropsMemoryCopiesWhenItsSubscriptionWasCut() throws Exception {
		start(SIGNING_KEY);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		two.load("a");
		assertThat(dataCache(1, "Prices.load").estimatedSize()).isEqualTo(1);
		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		await().atMost(Duration.ofSeconds(10)).until(() -> dataCache(1, "Prices.load").estimatedSize() == 0);
	}

	@Test
	void dropsMemoryCopiesOfACacheWhenItsSequenceHasAGap() throws Exception {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		one.load("b");
		this.instances.get(0).getBean(CacheDataManager.class).clear("Prices.load", "b");
		two.load("a");
		await().atMost(Duration.ofSeconds(1)).until(() -> dataCache(1, "Prices.load").estimatedSize() == 1);
		redis.command("PUBLISH", "duocache:invalidations", "99|remove|00000000000000000000000000000001|Prices.load");
		await().atMost(Duration.ofSeconds(1)).until(() -> dataCache(1, "Prices.load").estimatedSize() == 0);
	}

	@Test
	void eightCallersOnTwoInstancesComputeOnce() throws Exception {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		// Both instances have read and written once, so no call below pays for a first use.
		one.load("warm");
		two.load("warm");
		List<String> keys = List.of("x", "y", "z");
		for (String key : keys) {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<List<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Prices prices = (i % 2 == 0) ? one : two;
				calls.add(this.executor.submit(() -> {
					go.await();
					return prices.slow(key);
				}));
			}
			go.countDown();
			for (Future<List<String>> call : calls) {
				assertThat(call.get(30, TimeUnit.SECONDS)).containsExactly(key + "-slow");
			}
		}
		assertThat(one.slowComputations() + two.slowComputations()).as("one computation per key").isEqualTo(3);
	}

	@Test
	void aMissWhoseReadTimedOutIsServedAndItsUnwrittenEntryCountedAsAFailedWrite() throws Exception {
		Prices prices = start(SIGNING_KEY).getBean(Prices.class);
		prices.load("warm");
		Future<List<String>> call;
		redis.pause();
		try {
			call = this.executor.submit(() -> prices.slow("unread"));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> dataCache(0, "Prices.slow").storeCounters().errors(StoreCounters.READ) == 1);
		}
		finally {
			redis.resume();
		}
		assertThat(call.get(10, TimeUnit.SECONDS)).containsExactly("unread-slow");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> dataCache(0, "Prices.slow").storeCounters().errors(StoreCounters.WRITE) == 1);
		assertThat(redis.command("KEYS", "duocache:Prices.slow:*")).as("nothing written for the unread key").isBlank();
		assertThat(prices.slow("unread")).as("the memory copy").containsExactly("unread-slow");
		assertThat(prices.slowComputations()).isOne();
	}

	@Test
	void aSpringEvictionOnOneInstanceReachesTheOther() throws Exception {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		one.load("a");
		two.load("a");
		assertThat(two.computations()).as("read from Redis").isZero();
		one.change("a");
		assertThat(redis.command("KEYS", "duocache:Prices.load:0:{*}")).as("the entry left Redis").isBlank();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			two.load("a");
			assertThat(two.computations()).as("the other instance computes it again").isOne();
		});
	}

	@Test
	void anEvictionAfterACommitWhileRedisIsFrozenNeverFailsTheCommitAndDropsTheLocalEntry() throws Exception {
		Prices prices = start(SIGNING_KEY).getBean(Prices.class);
		prices.load("b");
		TransactionTemplate transactions = new TransactionTemplate(new LocalTransactions());
		redis.pause();
		try {
			long started = System.nanoTime();
			transactions.executeWithoutResult((status) -> prices.change("b"));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the timeout")
				.isLessThan(Duration.ofSeconds(5));
			assertThat(dataCache(0, "Prices.load").estimatedSize()).as("the local entry went").isZero();
			assertThat(dataCache(0, "Prices.load").storeCounters().errors(StoreCounters.REMOVE)).isOne();
		}
		finally {
			redis.resume();
		}
	}

	@Test
	void anEvictionRedisMissedIsMadeOnceItIsBackSoTheOtherInstanceComputesAgain() throws Exception {
		Duration localTtl = Duration.ofMillis(500);
		Prices one = start(SIGNING_KEY, DataSize.ofMegabytes(16), localTtl).getBean(Prices.class);
		Prices two = start(SIGNING_KEY, DataSize.ofMegabytes(16), localTtl).getBean(Prices.class);
		one.load("c");
		two.load("c");
		assertThat(two.computations()).isZero();
		redis.pause();
		try {
			one.change("c");
		}
		finally {
			redis.resume();
		}
		assertThat(this.instances.get(0).getBean(RedisEntryStore.class).owedWrites()).isOne();
		RedisEntryStore store = this.instances.get(0).getBean(RedisEntryStore.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> store.owedWrites() == 0);
		// The frozen server may have run the first removal once it woke up, as well: removed either way.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			two.load("c");
			assertThat(two.computations()).as("the other instance computes it again").isPositive();
		});
	}

	@Test
	void anotherInstanceComputesOnceTheOwnerDiedMidComputation() throws Exception {
		AnnotationConfigApplicationContext ownerContext = start(SIGNING_KEY);
		Prices owner = ownerContext.getBean(Prices.class);
		Prices survivor = start(SIGNING_KEY).getBean(Prices.class);
		CountDownLatch ownerStarted = new CountDownLatch(1);
		owner.blockNextCompute(ownerStarted);
		Future<List<String>> ownerCall = this.executor.submit(() -> owner.load("z"));
		assertThat(ownerStarted.await(10, TimeUnit.SECONDS)).isTrue();
		ownerContext.close();
		long started = System.nanoTime();
		assertThat(survivor.load("z")).containsExactly("z-1");
		assertThat(survivor.computations()).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		ownerCall.cancel(true);
	}

	@Test
	void treatsTamperedTruncatedAndForeignValuesAsCountedMisses() throws Exception {
		Prices one = start(SIGNING_KEY).getBean(Prices.class);
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		one.load("a");
		String key = onlyKey("Prices.load");
		byte[] value = redis.get(key);
		value[value.length - 20] ^= 0x01;
		redis.command("SET", key, value);
		assertThat(two.load("a")).containsExactly("a-1");
		one.load("b");
		String truncated = keyOf("Prices.load", (k) -> !k.equals(key));
		redis.command("SET", truncated, java.util.Arrays.copyOf(redis.get(truncated), 40));
		assertThat(two.load("b")).containsExactly("b-1");
		one.load("c");
		String foreign = keyOf("Prices.load", (k) -> !k.equals(key) && !k.equals(truncated));
		redis.command("SET", foreign, "{\"price\": 1}");
		assertThat(two.load("c")).containsExactly("c-1");
		assertThat(dataCache(1, "Prices.load").storeCounters().errors(StoreCounters.READ)).isEqualTo(3);
		assertThat(two.computations()).isEqualTo(3);
	}

	@Test
	void neverFailsACallWhileRedisIsStoppedFrozenOrRestartedAndUsesItAgainAfterwards() throws Exception {
		Prices prices = start(SIGNING_KEY).getBean(Prices.class);
		prices.load("warm");
		redis.stop();
		assertCallsBoundedAndCorrect(prices, "stopped");
		redis.restart();
		redis.pause();
		try {
			assertCallsBoundedAndCorrect(prices, "frozen");
		}
		finally {
			redis.resume();
		}
		redis.restart();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			prices.load("back-" + System.nanoTime());
			return redis.command("DBSIZE").equals("0") == false;
		});
		assertThat(this.instances.get(0).getBean(RedisEntryStore.class).isCircuitOpen()).isFalse();
	}

	@Test
	void startsAndServesWhileRedisIsDownAndSharesOnceItIsBack() throws Exception {
		redis.stop();
		Prices one;
		try {
			one = start(SIGNING_KEY).getBean(Prices.class);
			assertCallsBoundedAndCorrect(one, "down");
		}
		finally {
			redis.restart();
		}
		Prices two = start(SIGNING_KEY).getBean(Prices.class);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			one.load("shared-" + one.computations());
			return !redis.command("DBSIZE").equals("0");
		});
		int before = one.computations();
		String id = "after-" + before;
		one.load(id);
		two.load(id);
		assertThat(one.computations() + two.computations()).isEqualTo(before + 1);
	}

	@Test
	void closesPromptlyWhileStillTryingToSubscribe() {
		redis.stop();
		try {
			AnnotationConfigApplicationContext context = start(SIGNING_KEY);
			context.getBean(Prices.class).load("a");
			org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), context::close);
		}
		finally {
			redis.restart();
		}
	}

	private void assertCallsBoundedAndCorrect(Prices prices, String phase) {
		for (int i = 0; i < 20; i++) {
			long started = System.nanoTime();
			assertThat(prices.load(phase + i)).containsExactly(phase + i + "-1");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("call %d while Redis is %s", i, phase)
				.isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void keepsValuesOverTheMaximumSizeInMemoryOnlyAndCountsThem() throws Exception {
		Prices one = start(SIGNING_KEY, DataSize.ofBytes(200)).getBean(Prices.class);
		assertThat(one.wide("a")).hasSize(100);
		assertThat(one.wide("a")).hasSize(100);
		assertThat(one.wideComputations()).isEqualTo(1);
		assertThat(redis.command("KEYS", "duocache:Prices.wide:*")).isNullOrEmpty();
		assertThat(dataCache(0, "Prices.wide").storeCounters().errors(StoreCounters.TOO_LARGE)).isEqualTo(1);
	}

	@Test
	void failsStartupWithoutASigningKeySayingHowToMakeOne() {
		assertThatException().isThrownBy(() -> start(null))
			.withStackTraceContaining("duocache.redis.signing-key")
			.withStackTraceContaining("openssl rand -base64 48");
		assertThatException().isThrownBy(() -> start("short"))
			.withStackTraceContaining("only 5 characters long");
	}

	@Test
	void failsStartupForRedisWithoutAConnectionFactory() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.instances.add(context);
		context.register(DuocacheConfiguration.class);
		context.registerBean(Prices.class);
		assertThatException().isThrownBy(context::refresh)
			.havingRootCause()
			.isInstanceOf(DuocacheException.class)
			.withMessageContaining("needs Redis")
			.withMessageContaining("spring-boot-starter-data-redis");
	}

	private DataCache dataCache(int instance, String name) {
		return this.instances.get(instance).getBean(DataCaches.class).getTierCache(name);
	}

	private String onlyKey(String cacheName) throws Exception {
		return keyOf(cacheName, (key) -> true);
	}

	private String keyOf(String cacheName, java.util.function.Predicate<String> filter) throws Exception {
		return java.util.Arrays.stream(redis.command("KEYS", "duocache:" + cacheName + ":0:{*}").split("\n"))
			.filter(filter)
			.findFirst()
			.orElseThrow();
	}

	private AnnotationConfigApplicationContext start(String signingKey) {
		return start(signingKey, DataSize.ofMegabytes(16));
	}

	private AnnotationConfigApplicationContext start(String signingKey, DataSize maxValueSize) {
		return start(signingKey, maxValueSize, Duration.ofSeconds(30));
	}

	private AnnotationConfigApplicationContext start(String signingKey, DataSize maxValueSize, Duration localTtl) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.instances.add(context);
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		context.registerBean("redisConnectionFactory", LettuceConnectionFactory.class, () -> connections);
		context.registerBean(DuocacheBeanPostProcessor.REDIS_STORE, RedisEntryStore.class,
				() -> new RedisEntryStore(connections, new RedisStoreSettings("duocache:", signingKey,
						Duration.ofMillis(250), localTtl, Duration.ofHours(24), maxValueSize,
						Duration.ofSeconds(2))));
		context.register(DuocacheConfiguration.class);
		context.registerBean(Prices.class);
		context.refresh();
		if (signingKey != null && signingKey.length() >= RedisStoreSettings.MIN_SIGNING_KEY_LENGTH && isUp()) {
			// Connect before the first call, which would otherwise pay for it within the 250 ms bound.
			try (var connection = connections.getConnection()) {
				connection.ping();
			}
			RedisEntryStore store = context.getBean(RedisEntryStore.class);
			await().atMost(Duration.ofSeconds(10)).until(store::isSubscribed);
		}
		return context;
	}

	private static boolean isUp() {
		try {
			return "PONG".equals(redis.command("PING"));
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	/** Transactions with nothing to commit: what a Spring-managed transaction does to synchronizations. */
	static final class LocalTransactions extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

	static class Prices {

		private final AtomicInteger computations = new AtomicInteger();

		private final AtomicInteger slowComputations = new AtomicInteger();

		private final AtomicInteger wideComputations = new AtomicInteger();

		private final AtomicInteger refreshedComputations = new AtomicInteger();

		/** Versions of each key across the instances of one JVM, as the values they compute. */
		private static final java.util.Map<String, AtomicInteger> VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

		private volatile CountDownLatch blockNext;

		@CacheData(persist = Persist.REDIS, ttl = "1h")
		public List<String> load(String id) {
			CountDownLatch block = this.blockNext;
			if (block != null) {
				this.blockNext = null;
				block.countDown();
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(id + "-1"));
		}

		@CacheEvict(cacheNames = "Prices.load")
		public void change(String id) {
		}

		@CacheData(persist = Persist.REDIS, ttl = "1h")
		public List<String> wide(String id) {
			this.wideComputations.incrementAndGet();
			List<String> values = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				values.add(id + "-" + i);
			}
			return values;
		}

		@CacheData(persist = Persist.REDIS)
		public List<String> forever(String id) {
			return new ArrayList<>(List.of(id));
		}

		@CacheData(persist = Persist.REDIS, ttl = "1s", refresh = io.duocache.Refresh.BACKGROUND)
		public List<String> refreshed(String id) throws InterruptedException {
			this.refreshedComputations.incrementAndGet();
			int version = VERSIONS.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			if (version > 1) {
				// A refresh takes long enough for the other instance's stale hit to find it under way.
				Thread.sleep(500);
			}
			return new ArrayList<>(List.of(id + "-" + version));
		}

		@CacheData(persist = Persist.REDIS, ttl = "1h")
		public List<String> slow(String id) throws InterruptedException {
			this.slowComputations.incrementAndGet();
			Thread.sleep(500);
			return new ArrayList<>(List.of(id + "-slow"));
		}

		void blockNextCompute(CountDownLatch started) {
			this.blockNext = started;
		}

		int computations() {
			return this.computations.get();
		}

		int slowComputations() {
			return this.slowComputations.get();
		}

		int wideComputations() {
			return this.wideComputations.get();
		}

		int refreshedComputations() {
			return this.refreshedComputations.get();
		}

	}

}
