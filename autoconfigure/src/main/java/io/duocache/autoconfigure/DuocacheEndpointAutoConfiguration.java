package io.duocache.autoconfigure;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.actuate.DuocacheEndpoint;

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
	DuocacheEndpoint duocacheEndpoint(@Qualifier("cacheDataManager") CacheDataManager cacheDataManager,
			@Qualifier("cacheResourceManager") CacheResourceManager cacheResourceManager) {
		return new DuocacheEndpoint(cacheDataManager, cacheResourceManager);
	}

}
