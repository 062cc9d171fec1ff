package io.duocache.actuate;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;

import static org.assertj.core.api.Assertions.assertThat;

class DuocacheEndpointTests {

	private final CacheDataManager dataManager = CacheDataManager.withDefaults();

	private final CacheResourceManager resourceManager = CacheResourceManager.withDefaults();

	private final DuocacheEndpoint endpoint = new DuocacheEndpoint(this.dataManager, this.resourceManager);

	@Test
	void listsEveryCacheOfBothTiers() {
		this.dataManager.getCache("rides").put("nyc", List.of("a"));
		this.resourceManager.getCache("pools").put("db", new Object());
		assertThat(this.endpoint.caches().caches()).extracting(DuocacheEndpoint.CacheDescriptor::name,
				DuocacheEndpoint.CacheDescriptor::tier)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("rides", "data"),
					org.assertj.core.groups.Tuple.tuple("pools", "resource"));
	}

	@Test
	void describesOneCacheWithItsCounts() {
		this.dataManager.getCache("rides").put("nyc", List.of("a"));
		this.dataManager.getCache("rides").get("nyc");
		this.dataManager.getCache("rides").get("sf");
		DuocacheEndpoint.CacheDescriptor rides = this.endpoint.cache("rides");
		assertThat(rides.entries()).isEqualTo(1);
		assertThat(rides.hits()).isEqualTo(1);
		assertThat(rides.misses()).isEqualTo(1);
		assertThat(rides.hitRate()).isEqualTo(0.5);
		assertThat(rides.puts()).isEqualTo(1);
		assertThat(rides.bytes()).isPositive();
		assertThat(rides.persist()).isEqualTo("none");
	}

	@Test
	void showsNoPersistForAResourceCache() {
		this.resourceManager.getCache("pools").put("db", new Object());
		assertThat(this.endpoint.cache("pools").persist()).isNull();
		assertThat(this.resourceManager.info("pools").persist()).isNull();
	}

	@Test
	void returnsNothingForAnUnknownCache() {
		assertThat(this.endpoint.cache("missing")).isNull();
	}

	@Test
	void clearsOneCache() {
		this.dataManager.getCache("rides").put("nyc", List.of("a"));
		this.dataManager.getCache("other").put("nyc", List.of("a"));
		assertThat(this.endpoint.clearCache("rides")).isTrue();
		assertThat(this.endpoint.cache("rides").entries()).isZero();
		assertThat(this.endpoint.cache("other").entries()).isEqualTo(1);
		assertThat(this.endpoint.clearCache("missing")).isFalse();
	}

	@Test
	void clearsEveryCache() {
		this.dataManager.getCache("rides").put("nyc", List.of("a"));
		this.resourceManager.getCache("pools").put("db", new Object());
		this.endpoint.clearCaches();
		assertThat(this.endpoint.caches().caches()).allSatisfy((cache) -> assertThat(cache.entries()).isZero());
	}

}
