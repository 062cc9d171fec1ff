package io.duocache;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceManagerSpringCacheTests extends SpringCacheContractTests {

	@Override
	protected CacheManager newManager() {
		return CacheResourceManager.withDefaults();
	}

	@Override
	protected Object newValue(int seed) {
		return "resource-" + seed;
	}

	@Override
	protected void assertSameValue(Object stored, Object returned) {
		assertThat(returned).isEqualTo(stored);
	}

	@Test
	void handsOutTheStoredInstanceItself() {
		Cache cache = newManager().getCache("pools");
		List<String> pool = new java.util.ArrayList<>();
		cache.put("key", pool);
		assertThat(cache.get("key").get()).isSameAs(pool);
	}

	@Test
	void neverReleasesTheInstanceOfALosingPutIfAbsent() {
		Cache cache = newManager().getCache("pools");
		Closeable winner = new Closeable();
		Closeable loser = new Closeable();
		cache.putIfAbsent("key", winner);
		assertThat(cache.putIfAbsent("key", loser).get()).isSameAs(winner);
		assertThat(winner.closed).hasValue(0);
		assertThat(loser.closed).hasValue(0);
		cache.clear();
		assertThat(winner.closed).hasValue(1);
		assertThat(loser.closed).hasValue(0);
	}

	static final class Closeable implements AutoCloseable {

		final AtomicInteger closed = new AtomicInteger();

		@Override
		public void close() {
			this.closed.incrementAndGet();
		}

	}

}
