package io.duocache.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.data.StoreCounters;
import io.duocache.testing.RedisCluster;
import io.duocache.testing.RedisInstances;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.clear;
import static io.duocache.testing.RedisInstances.quotes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code persist = REDIS} on a real three-master Redis Cluster: a cache's entries on every master,
 * every script on one slot, clears that reach every instance, and slots moved while calls go on.
 */
class RedisClusterTests {

	@RegisterExtension
	static final RedisCluster cluster = RedisCluster.forEachTestClass();

	private RedisInstances instances;

	@BeforeEach
	void start() throws Exception {
		cluster.flushAll();
		this.instances = RedisInstances.onCluster(cluster.ports());
	}

	@AfterEach
	void stop() {
		this.instances.close();
	}

	@Test
	void spreadsTheEntriesOfOneCacheOverEveryMasterAndSharesThem() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		for (int i = 0; i < 60; i++) {
			assertThat(quotes(one).quote("spread-" + i)).containsExactly("spread-" + i + "#1");
		}
		for (int i = 0; i < 60; i++) {
			assertThat(quotes(two).quote("spread-" + i)).containsExactly("spread-" + i + "#1");
		}
		assertThat(quotes(two).computations()).isZero();
		assertThat(cache(two).storeCounters().hits()).isEqualTo(60);
		for (int master = 0; master < 3; master++) {
			assertThat(cluster.keysOn(master)).as("keys on master %d", master).isGreaterThan(5);
		}
	}

	@Test
	void clearingOneEntryOrAllOnOneInstanceReachesTheOtherAndNoClearedValueIsServed() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		for (String id : List.of("clear-a", "clear-b", "clear-c")) {
			quotes(one).quote(id);
			quotes(two).quote(id);
		}
		assertThat(cache(two).estimatedSize()).isEqualTo(3);
		clear(one, "clear-a");
		await().atMost(Duration.ofSeconds(1)).until(() -> cache(two).estimatedSize() == 2);
		assertThat(quotes(two).quote("clear-a")).containsExactly("clear-a#2");
		assertThat(quotes(one).quote("clear-a")).containsExactly("clear-a#2");
		clear(one);
		await().atMost(Duration.ofSeconds(1)).until(() -> cache(two).estimatedSize() == 0);
		assertThat(quotes(two).quote("clear-b")).containsExactly("clear-b#2");
		assertThat(quotes(one).quote("clear-b")).containsExactly("clear-b#2");
		assertThat(quotes(one).quote("clear-c")).containsExactly("clear-c#2");
		AnnotationConfigApplicationContext three = this.instances.start();
		assertThat(quotes(three).quote("clear-c")).containsExactly("clear-c#2");
		assertThat(quotes(three).computations()).isZero();
	}

	@Test
	void freesTheEntriesOfAClearedGenerationOnEveryMaster() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		for (int i = 0; i < 30; i++) {
			quotes(one).quote("freed-" + i);
		}
		clear(one);
		await().atMost(Duration.ofSeconds(10)).until(() -> cluster.keysOn(0) + cluster.keysOn(1)
				+ cluster.keysOn(2) <= 2);
	}

	@Test
	void callsGoOnWhileSlotsMoveAndTheMovedEntriesAreReadAgain() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		for (int i = 0; i < 100; i++) {
			quotes(one).quote("moved-" + i);
		}
		AtomicBoolean moving = new AtomicBoolean(true);
		ExecutorService traffic = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> calls = traffic.submit(() -> {
				int made = 0;
				while (moving.get() && made < 1_000_000) {
					cache(two).releaseAll();
					for (int i = 0; i < 100; i++) {
						// A read that meets a slot on its way (TRYAGAIN) is a miss: the value is computed again.
						assertThat(quotes(two).quote("moved-" + i)).singleElement().asString()
							.startsWith("moved-" + i + "#");
					}
					made++;
				}
				return made;
			});
			cluster.reshard(0, 1, 2000);
			moving.set(false);
			assertThat(calls.get(60, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			traffic.shutdownNow();
		}
		long hitsBefore = cache(two).storeCounters().hits();
		cache(two).releaseAll();
		for (int i = 0; i < 100; i++) {
			assertThat(quotes(two).quote("moved-" + i)).singleElement().asString().startsWith("moved-" + i + "#");
		}
		assertThat(cache(two).storeCounters().hits() - hitsBefore).isEqualTo(100);
	}

	@Test
	void everyMissOfOneInstanceIsWrittenToTheClusterOrCountedAsAFailedWrite() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		int misses = 300;
		for (int i = 0; i < misses; i++) {
			assertThat(quotes(one).quote("many-" + i)).containsExactly("many-" + i + "#1");
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			long written = 0;
			for (int master = 0; master < 3; master++) {
				String keys = cluster.command(master, "KEYS", "duocache:Quotes.quote:0:{*}");
				written += keys.isBlank() ? 0 : keys.split("\n").length;
			}
			long failedWrites = cache(one).storeCounters().errors(StoreCounters.WRITE);
			assertThat(written + failedWrites).as("%d entries in Redis, %d writes counted as failed", written,
					failedWrites).isEqualTo(misses);
		});
	}

	@Test
	void everyScriptNamesEveryKeyItTouches() {
		List<String> scripts = new ArrayList<>();
		for (RedisScripts.Script script : List.of(RedisScripts.SAVE, RedisScripts.REMOVE, RedisScripts.RESTORE_VERSION,
				RedisScripts.PUBLISH, RedisScripts.CLEAR, RedisScripts.GENERATION, RedisScripts.RELEASE_LEASE,
				RedisScripts.RENEW_LEASE)) {
			scripts.add(new String(script.body()));
		}
		assertThat(scripts).allSatisfy((body) -> assertThat(body)
			.doesNotContainPattern("redis\\.call\\('(GET|SET|UNLINK|INCR|PEXPIRE|DEL)', ARGV"));
	}

}
