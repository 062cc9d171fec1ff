package io.duocache.store.redis;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.testing.RedisInstances;
import io.duocache.testing.RedisSentinels;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.clear;
import static io.duocache.testing.RedisInstances.quotes;
import static io.duocache.testing.RedisInstances.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clear a failover loses: the replica is frozen and cut off, a cache is cleared on the master
 * alone, the master dies and the replica, which still holds the cleared entry under the old
 * generation, is promoted. No instance serves the cleared value, neither those that saw the clear nor
 * one started after they restored it; the lost clear is counted and restored, and the clear that no
 * replica acknowledged is counted too.
 */
class RedisLostClearTests {

	@RegisterExtension
	static final RedisSentinels sentinels = RedisSentinels.forEachTestClass();

	private final RedisInstances instances = RedisInstances.onSentinels(RedisSentinels.MASTER_NAME,
			sentinels.sentinelPorts());

	@AfterEach
	void stop() {
		this.instances.close();
	}

	@Test
	void aClearLostInAFailoverIsNeverUndone() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		assertThat(quotes(one).quote("lost")).containsExactly("lost#1");
		assertThat(quotes(two).quote("lost")).containsExactly("lost#1");
		assertThat(quotes(two).computations()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> sentinels
			.command(sentinels.replicaPort(), "DBSIZE").equals(sentinels.command(sentinels.masterPort(), "DBSIZE")));

		sentinels.pauseReplica();
		sentinels.command(sentinels.masterPort(), "CLIENT", "KILL", "TYPE", "replica");
		clear(one);
		await().atMost(Duration.ofSeconds(1)).until(() -> cache(two).estimatedSize() == 0);
		assertThat(quotes(one).quote("lost")).containsExactly("lost#2");
		assertThat(store(one).unacknowledgedClears()).isEqualTo(1);

		sentinels.killMaster();
		sentinels.resumeReplica();
		sentinels.awaitReplicaPromoted();
		assertThat(sentinels.command(sentinels.replicaPort(), "KEYS", "duocache:Quotes.quote:0:*")).as(
				"the promoted replica still holds the cleared entry").isNotEmpty();

		for (AnnotationConfigApplicationContext instance : List.of(one, two)) {
			cache(instance).releaseAll();
			assertThat(quotes(instance).quote("lost")).singleElement().asString().isNotEqualTo("lost#1");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> store(one).repairs() + store(two).repairs() > 0);
		AnnotationConfigApplicationContext three = this.instances.start();
		assertThat(quotes(three).quote("lost")).singleElement().asString().isNotEqualTo("lost#1");
		for (AnnotationConfigApplicationContext instance : List.of(one, two)) {
			cache(instance).releaseAll();
			assertThat(quotes(instance).quote("lost")).singleElement().asString().isNotEqualTo("lost#1");
		}
	}

}
