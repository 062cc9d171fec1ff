package io.duocache.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.duocache.metrics.MicrometerCacheObservers;
import io.duocache.tier.CacheObserver;

/**
 * Auto-configuration of the Micrometer meters of every Duocache cache. The meter registry is looked
 * up once the application has started, so the order of the metrics auto-configurations does not
 * matter.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
public final class DuocacheMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CacheObserver.Factory.class)
	MicrometerCacheObservers duocacheCacheObservers(ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new MicrometerCacheObservers(meterRegistry, observationRegistry);
	}


}
