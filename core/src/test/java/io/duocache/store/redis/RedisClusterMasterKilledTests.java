package io.duocache.store.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.testing.RedisCluster;
import io.duocache.testing.RedisInstances;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.quotes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master of a real three-master Redis Cluster killed with SIGKILL while instances use it: no call
 * fails, every call is bounded, and the slots of the masters left are still read.
 */
class RedisClusterMasterKilledTests {

	@RegisterExtension
	static final RedisCluster cluster = RedisCluster.forEachTestClass();

	private final RedisInstances instances = RedisInstances.onCluster(cluster.ports());

	@AfterEach
	void stop() {
		this.instances.close();
	}

	@Test
	void aKilledMasterFailsNoCallAndTheOthersAreStillRead() {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		for (int i = 0; i < 30; i++) {
			quotes(one).quote("killed-" + i);
		}
		cluster.kill(2);
		for (int round = 0; round < 3; round++) {
			cache(two).releaseAll();
			for (int i = 0; i < 30; i++) {
				long started = System.nanoTime();
				assertThat(quotes(two).quote("killed-" + i)).singleElement().asString().startsWith("killed-" + i + "#");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("call %d of round %d", i, round)
					.isLessThan(Duration.ofSeconds(5));
			}
		}
		long hitsBefore = cache(two).storeCounters().hits();
		cache(two).releaseAll();
		for (int i = 0; i < 30; i++) {
			quotes(two).quote("killed-" + i);
		}
		assertThat(cache(two).storeCounters().hits() - hitsBefore).as("entries read from the masters left")
			.isPositive();
	}

}
