package io.duocache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.DataCodecCustomizer;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCodec;
import io.duocache.key.ResourceIdentities;
import io.duocache.tier.CacheObserver;

/**
 * Auto-configuration for Duocache: the cache managers, the proxy that routes {@code @CacheData} and
 * {@code @CacheResource} methods through them, and the settings bound from {@code duocache.*}.
 *
 * <p>The managers are not default candidates, so Spring Boot's own cache auto-configuration still
 * provides the application's default {@code CacheManager}; they back off by bean name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DuocacheProperties.class)
public final class DuocacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DuocacheBeanPostProcessor duocacheBeanPostProcessor() {
		return new DuocacheBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	DuocacheSettings duocacheSettings(DuocacheProperties properties) {
		DuocacheProperties.Data data = properties.getData();
		DuocacheProperties.Resource resource = properties.getResource();
		Map<String, CacheSettings> caches = new LinkedHashMap<>();
		properties.getCaches()
			.forEach((name, cache) -> caches.put(name,
					new CacheSettings(cache.getTtl(), cache.getMaxEntries(), cache.getMaxSize())));
		return new DuocacheSettings(new CacheSettings(data.getTtl(), data.getMaxEntries(), data.getMaxSize()),
				new CacheSettings(resource.getTtl(), resource.getMaxEntries(), null), data.getPersist(), caches);
	}

	@Bean
	@ConditionalOnMissingBean
	DataCodec duocacheDataCodec(ObjectProvider<DataCodecCustomizer> customizers) {
		return new DataCodec(customizers.orderedStream().toList());
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cacheDataManager")
	CacheDataManager cacheDataManager(DataCodec duocacheDataCodec, DuocacheSettings duocacheSettings,
			ObjectProvider<CacheObserver.Factory> observers) {
		CacheDataManager manager = new CacheDataManager(duocacheDataCodec, duocacheSettings);
		manager.setObservers(observers.getIfAvailable(() -> CacheObserver.Factory.NONE));
		return manager;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "cacheResourceManager")
	CacheResourceManager cacheResourceManager(DuocacheSettings duocacheSettings,
			ObjectProvider<CacheObserver.Factory> observers) {
		CacheResourceManager manager = new CacheResourceManager(duocacheSettings, new ResourceIdentities());
		manager.setObservers(observers.getIfAvailable(() -> CacheObserver.Factory.NONE));
		return manager;
	}

	@Bean
	UnknownCacheNamesReporter duocacheUnknownCacheNamesReporter(DuocacheSettings duocacheSettings,
			@Qualifier("cacheDataManager") CacheDataManager cacheDataManager,
			@Qualifier("cacheResourceManager") CacheResourceManager cacheResourceManager) {
		return new UnknownCacheNamesReporter(duocacheSettings, cacheDataManager, cacheResourceManager);
	}

}
