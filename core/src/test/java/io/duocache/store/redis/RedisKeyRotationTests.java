package io.duocache.store.redis;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.testing.RedisInstances;
import io.duocache.testing.RedisServer;

import static io.duocache.testing.RedisInstances.cache;
import static io.duocache.testing.RedisInstances.quotes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling rotation of {@code duocache.redis.signing-key} on one real {@code redis-server}: an
 * instance with the new key and the old one among its previous keys reads what the old instances
 * signed, an old instance takes what the new key signed for a miss (computed once, neither deleted
 * nor counted as tampering), and no instance's entries are deleted by another's.
 */
class RedisKeyRotationTests {

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private static final String OLD_KEY = "the-signing-key-before-the-rotation-0123456789";

	private static final String NEW_KEY = "the-signing-key-after-the-rotation-9876543210";

	private final RedisInstances instances = RedisInstances.onServer(redis.port());

	private final String id = UUID.randomUUID().toString();

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void aMixedFleetComputesEachKeyAtMostOncePerSigningKey() {
		AnnotationConfigApplicationContext old = this.instances.start(OLD_KEY, List.of());
		AnnotationConfigApplicationContext rotated = this.instances.start(NEW_KEY, List.of(OLD_KEY));
		String first = this.id + "-first";
		String second = this.id + "-second";
		assertThat(quotes(old).quote(first)).containsExactly(first + "#1");
		assertThat(quotes(rotated).quote(first)).as("the old key still verifies").containsExactly(first + "#1");
		assertThat(quotes(rotated).computations()).isZero();
		assertThat(quotes(rotated).quote(second)).containsExactly(second + "#1");
		assertThat(quotes(old).quote(second)).as("a key the old instance does not know: a miss")
			.containsExactly(second + "#2");
		assertThat(quotes(old).quote(second)).containsExactly(second + "#2");
		AnnotationConfigApplicationContext another = this.instances.start(NEW_KEY, List.of(OLD_KEY));
		assertThat(quotes(another).quote(second)).as("what the old instance stored, read back")
			.containsExactly(second + "#2");
		assertThat(quotes(another).quote(first)).containsExactly(first + "#1");
		assertThat(quotes(another).computations()).isZero();
		assertThat(cache(old).storeCounters().unknownKeys()).isOne();
		for (AnnotationConfigApplicationContext instance : List.of(old, rotated, another)) {
			assertThat(cache(instance).storeCounters().errors()).as("no tampering, no failure").isZero();
		}
	}

	@Test
	void anEntryOfAKeyNobodyHereKnowsIsAMissAndStaysForThoseWhoKnowIt() {
		AnnotationConfigApplicationContext signer = this.instances.start(NEW_KEY, List.of());
		AnnotationConfigApplicationContext stranger = this.instances.start(OLD_KEY, List.of());
		String key = this.id + "-kept";
		quotes(signer).quote(key);
		AnnotationConfigApplicationContext reader = this.instances.start(NEW_KEY, List.of());
		// The stranger computes and stores its own entry; it deletes nothing it cannot verify.
		assertThat(cache(stranger).storeCounters().unknownKeys()).isZero();
		assertThat(quotes(stranger).quote(key)).containsExactly(key + "#2");
		assertThat(cache(stranger).storeCounters().unknownKeys()).isOne();
		assertThat(cache(stranger).storeCounters().errors()).isZero();
		assertThat(cache(reader).storeCounters().errors()).isZero();
		assertThat(quotes(reader).quote(key)).as("the stranger's entry is one the reader does not know")
			.containsExactly(key + "#3");
		assertThat(cache(reader).storeCounters().unknownKeys()).isOne();
	}

}
