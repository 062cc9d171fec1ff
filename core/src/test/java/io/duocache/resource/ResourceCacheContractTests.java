package io.duocache.resource;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.SingleFlightCache;
import io.duocache.tier.SingleFlightCacheContractTests;

class ResourceCacheContractTests extends SingleFlightCacheContractTests {

	@Override
	protected SingleFlightCache<?> newCache(CacheSettings settings) {
		return new ResourceCache("test", settings, new ResourceValidator.None(), new ResourceReleaser.Close(),
				new ResourceIdentities());
	}

	@Override
	protected Object newValue(int seed) {
		return "resource-" + seed;
	}

}
