package io.duocache.store.redis;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.testing.RedisInstances;
import io.duocache.testing.RedisSentinels;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.quotes;
import static io.duocache.testing.RedisInstances.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sentinel failover of a real master, replica and three Sentinels while an instance serves calls:
 * every call is answered, each within a bound, and once the replica is promoted the instance uses
 * Redis again without a restart.
 */
class RedisSentinelFailoverTests {

	@RegisterExtension
	static final RedisSentinels sentinels = RedisSentinels.forEachTestClass();

	private final RedisInstances instances = RedisInstances.onSentinels(RedisSentinels.MASTER_NAME,
			sentinels.sentinelPorts());

	@AfterEach
	void stop() {
		this.instances.close();
	}

	@Test
	void servesCallersThroughoutAFailoverAndUsesTheNewMasterAfterwards() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		for (int i = 0; i < 20; i++) {
			quotes(one).quote("failover-" + i);
		}
		AtomicBoolean failingOver = new AtomicBoolean(true);
		ExecutorService traffic = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> calls = traffic.submit(() -> {
				int made = 0;
				while (failingOver.get() && made < 100_000) {
					cache(one).releaseAll();
					for (int i = 0; i < 20; i++) {
						long started = System.nanoTime();
						assertThat(quotes(one).quote("failover-" + i)).singleElement().asString()
							.startsWith("failover-" + i + "#");
						assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
					}
					made++;
				}
				return made;
			});
			sentinels.killMaster();
			sentinels.awaitReplicaPromoted();
			failingOver.set(false);
			assertThat(calls.get(60, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			traffic.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			String id = "after-" + System.nanoTime();
			quotes(one).quote(id);
			cache(one).releaseAll();
			long hits = cache(one).storeCounters().hits();
			quotes(one).quote(id);
			return cache(one).storeCounters().hits() > hits;
		});
		assertThat(store(one).isCircuitOpen()).isFalse();
		assertThat(Long.parseLong(sentinels.command(sentinels.replicaPort(), "DBSIZE"))).isPositive();
	}

}
