package io.duocache.data;

import java.util.List;

import io.duocache.config.CacheSettings;
import io.duocache.store.EntryStore;
import io.duocache.tier.SingleFlightCache;
import io.duocache.tier.SingleFlightCacheContractTests;

class DataCacheContractTests extends SingleFlightCacheContractTests {

	private final DataCodec codec = new DataCodec(List.of());

	@Override
	protected SingleFlightCache<?> newCache(CacheSettings settings) {
		return new DataCache("test", settings, this.codec, this.codec.mapper().constructType(Sample.class),
				"Test.method", EntryStore.NONE);
	}

	@Override
	protected Object newValue(int seed) {
		return new Sample(seed, "value-" + seed);
	}

	record Sample(int id, String name) {
	}

}
