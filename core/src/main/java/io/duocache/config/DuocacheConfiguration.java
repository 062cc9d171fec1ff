package io.duocache.config;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.DataCodecCustomizer;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.data.DataCodec;
import io.duocache.key.ResourceIdentities;

/**
 * Wires Duocache into a plain Spring application: {@code @Import(DuocacheConfiguration.class)}.
 * A {@link DuocacheSettings} bean, if present, sets defaults and per-cache bounds. Spring Boot
 * applications use the starter instead.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class DuocacheConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DuocacheBeanPostProcessor duocacheBeanPostProcessor() {
		return new DuocacheBeanPostProcessor();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DataCodec duocacheDataCodec(ObjectProvider<DataCodecCustomizer> customizers) {
		return new DataCodec(customizers.orderedStream().toList());
	}

	@Bean(defaultCandidate = false)
	CacheDataManager cacheDataManager(DataCodec duocacheDataCodec, ObjectProvider<DuocacheSettings> settings) {
		return new CacheDataManager(duocacheDataCodec, settings.getIfAvailable(DuocacheSettings::defaults));
	}

	@Bean(defaultCandidate = false)
	CacheResourceManager cacheResourceManager(ObjectProvider<DuocacheSettings> settings) {
		return new CacheResourceManager(settings.getIfAvailable(DuocacheSettings::defaults),
				new ResourceIdentities());
	}


}
