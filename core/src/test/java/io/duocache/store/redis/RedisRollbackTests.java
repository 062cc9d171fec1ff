package io.duocache.store.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.testing.RedisInstances;
import io.duocache.testing.RedisServer;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.clear;
import static io.duocache.testing.RedisInstances.quotes;
import static io.duocache.testing.RedisInstances.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a failover that loses the last writes leaves behind, put in place by hand on a real server so
 * that each step is deterministic: the generation of a clear, or the version of a removal, rolled back
 * with the entry from before it restored. The instances that saw the clear or removal never serve that
 * entry; they restore the newer generation or version in Redis, count it, and an instance started
 * afterwards does not serve it either.
 */
class RedisRollbackTests {

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private RedisInstances instances;

	@BeforeEach
	void start() throws Exception {
		redis.command("FLUSHALL");
		this.instances = RedisInstances.onServer(redis.port());
	}

	@AfterEach
	void stop() {
		this.instances.close();
	}

	@Test
	void aClearRolledBackIsRestoredAndItsEntriesAreNeverServed() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		assertThat(quotes(one).quote("rolled")).containsExactly("rolled#1");
		assertThat(quotes(two).quote("rolled")).containsExactly("rolled#1");
		String entryKey = redis.command("KEYS", "duocache:Quotes.quote:0:{*}");
		byte[] before = redis.get(entryKey);
		clear(one);
		await().atMost(Duration.ofSeconds(1)).until(() -> cache(two).estimatedSize() == 0);
		assertThat(redis.command("GET", "duocache:{Quotes.quote}:generation")).isEqualTo("1");

		redis.command("SET", "duocache:{Quotes.quote}:generation", "0");
		redis.command("SET", entryKey, before, "PX", "3600000");
		for (AnnotationConfigApplicationContext instance : new AnnotationConfigApplicationContext[] { one, two }) {
			cache(instance).releaseAll();
			assertThat(quotes(instance).quote("rolled")).containsExactly("rolled#2");
		}

		redis.command("CLIENT", "KILL", "TYPE", "pubsub");
		await().atMost(Duration.ofSeconds(20)).until(() -> store(one).repairs() + store(two).repairs() == 1);
		assertThat(redis.command("GET", "duocache:{Quotes.quote}:generation")).isEqualTo("1");
		AnnotationConfigApplicationContext three = this.instances.start();
		assertThat(quotes(three).quote("rolled")).containsExactly("rolled#2");
		assertThat(quotes(three).computations()).isZero();
	}

	@Test
	void aRemovalRolledBackIsRestoredAndTheEntryIsNeverServed() throws Exception {
		AnnotationConfigApplicationContext one = this.instances.start();
		AnnotationConfigApplicationContext two = this.instances.start();
		assertThat(quotes(one).quote("removed")).containsExactly("removed#1");
		assertThat(quotes(two).quote("removed")).containsExactly("removed#1");
		String entryKey = redis.command("KEYS", "duocache:Quotes.quote:0:{*}");
		String versionKey = entryKey.replace(":0:{", ":{") + ":version";
		byte[] before = redis.get(entryKey);
		clear(one, "removed");
		await().atMost(Duration.ofSeconds(1)).until(() -> cache(two).estimatedSize() == 0);
		assertThat(redis.command("GET", versionKey)).isEqualTo("1");

		redis.command("DEL", versionKey);
		redis.command("SET", entryKey, before, "PX", "3600000");
		for (AnnotationConfigApplicationContext instance : new AnnotationConfigApplicationContext[] { one, two }) {
			cache(instance).releaseAll();
			assertThat(quotes(instance).quote("removed")).singleElement().asString().isNotEqualTo("removed#1");
		}
		assertThat(store(one).repairs() + store(two).repairs()).isPositive();
		assertThat(Long.parseLong(redis.command("GET", versionKey))).isGreaterThanOrEqualTo(1);
		AnnotationConfigApplicationContext three = this.instances.start();
		assertThat(quotes(three).quote("removed")).singleElement().asString().isNotEqualTo("removed#1");
	}

}
