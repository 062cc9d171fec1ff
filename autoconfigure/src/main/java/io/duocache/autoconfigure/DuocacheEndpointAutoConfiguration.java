package io.duocache.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.actuate.DuocacheEndpoint;
import io.duocache.actuate.DuocacheEndpointWebExtension;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.store.redis.RedisEntryStore;

/**
 * Auto-configuration of the {@code duocache} Actuator endpoint.
 */
@AutoConfiguration(after = { DuocacheAutoConfiguration.class, DuocacheRedisAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(DuocacheEndpoint.class)
public final class DuocacheEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DuocacheEndpoint duocacheEndpoint(CacheDataManager cacheDataManager, CacheResourceManager cacheResourceManager,
			ObjectProvider<DuocacheEndpoint.Stores> stores) {
		return new DuocacheEndpoint(cacheDataManager, cacheResourceManager,
				stores.getIfAvailable(() -> DuocacheEndpoint.Stores.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
	@ConditionalOnBean(name = DuocacheBeanPostProcessor.REDIS_STORE)
	static class RedisStoreConfiguration {

		@Bean
		DuocacheEndpoint.Stores duocacheEndpointStores(RedisEntryStore duocacheRedisStore) {
			return () -> List.of(new DuocacheEndpoint.StoreDescriptor("redis",
					duocacheRedisStore.isCircuitOpen() ? "open" : "closed", duocacheRedisStore.repairs(),
					duocacheRedisStore.unacknowledgedClears()));
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DuocacheEndpoint.class)
	DuocacheEndpointWebExtension duocacheEndpointWebExtension(DuocacheEndpoint duocacheEndpoint) {
		return new DuocacheEndpointWebExtension(duocacheEndpoint);
	}

}
