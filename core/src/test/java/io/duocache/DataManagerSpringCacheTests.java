package io.duocache;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class DataManagerSpringCacheTests extends SpringCacheContractTests {

	@Override
	protected CacheManager newManager() {
		return CacheDataManager.withDefaults();
	}

	@Override
	protected Object newValue(int seed) {
		return new ArrayList<>(List.of("book-" + seed));
	}

	@Override
	protected void assertSameValue(Object stored, Object returned) {
		assertThat(returned).isEqualTo(stored);
	}

	@Test
	void handsOutAFreshCopyOnEveryRead() {
		Cache cache = newManager().getCache("books");
		List<String> stored = new ArrayList<>(List.of("a"));
		cache.put("key", stored);
		@SuppressWarnings("unchecked")
		List<String> first = (List<String>) cache.get("key").get();
		first.add("mutated");
		assertThat(cache.get("key").get()).isEqualTo(List.of("a")).isNotSameAs(first).isNotSameAs(stored);
	}

}
