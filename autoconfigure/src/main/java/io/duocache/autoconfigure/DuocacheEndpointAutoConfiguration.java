package io.duocache.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.actuate.DuocacheEndpoint;
import io.duocache.actuate.DuocacheEndpointWebExtension;

/**
 * Auto-configuration of the {@code duocache} Actuator endpoint.
 */
@AutoConfiguration(after = DuocacheAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(DuocacheEndpoint.class)
public final class DuocacheEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DuocacheEndpoint duocacheEndpoint(CacheDataManager cacheDataManager, CacheResourceManager cacheResourceManager) {
		return new DuocacheEndpoint(cacheDataManager, cacheResourceManager);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DuocacheEndpoint.class)
	DuocacheEndpointWebExtension duocacheEndpointWebExtension(DuocacheEndpoint duocacheEndpoint) {
		return new DuocacheEndpointWebExtension(duocacheEndpoint);
	}

}
