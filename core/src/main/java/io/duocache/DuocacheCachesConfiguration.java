package io.duocache;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCaches;
import io.duocache.data.DataCodec;
import io.duocache.resource.ResourceCaches;
import io.duocache.store.disk.DiskEntryStore;
import io.duocache.store.disk.DiskStoreSettings;
import io.duocache.tier.CacheObserver;
import io.duocache.tier.SpringSessionEnds;

/**
 * The caches of both tiers and the two managers, {@code cacheDataManager} and
 * {@code cacheResourceManager}; imported by {@link DuocacheConfiguration} and by the Spring Boot
 * auto-configuration. The managers are fallback beans: injected by type or name wherever they are
 * asked for, but never chosen where the application asks for its {@code CacheManager}.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class DuocacheCachesConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DataCaches duocacheDataCaches(ObjectProvider<DataCodec> codec, ObjectProvider<DataCodecCustomizer> customizers,
			ObjectProvider<DuocacheSettings> settings, ObjectProvider<CacheObserver.Factory> observers) {
		return new DataCaches(codec.getIfAvailable(() -> new DataCodec(customizers.orderedStream().toList())),
				settings.getIfAvailable(DuocacheSettings::defaults),
				observers.getIfAvailable(() -> CacheObserver.Factory.NONE));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	ResourceCaches duocacheResourceCaches(ObjectProvider<DuocacheSettings> settings,
			ObjectProvider<CacheObserver.Factory> observers) {
		return new ResourceCaches(settings.getIfAvailable(DuocacheSettings::defaults),
				observers.getIfAvailable(() -> CacheObserver.Factory.NONE));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DiskEntryStore duocacheDiskStore(ObjectProvider<DiskStoreSettings> settings) {
		return new DiskEntryStore(settings.getIfAvailable(DiskStoreSettings::defaults));
	}

	@Bean
	@Fallback
	CacheDataManager cacheDataManager(DataCaches duocacheDataCaches) {
		return new CacheDataManager(duocacheDataCaches);
	}

	@Bean
	@Fallback
	CacheResourceManager cacheResourceManager(ResourceCaches duocacheResourceCaches) {
		return new CacheResourceManager(duocacheResourceCaches);
	}

	/** Where the application has Spring Session, its sessions' ends end their session caches. */
	@Configuration(proxyBeanMethods = false)
	@Conditional(SpringSessionPresent.class)
	static class SpringSessionConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		SpringSessionEnds duocacheSpringSessionEnds(DataCaches duocacheDataCaches,
				ResourceCaches duocacheResourceCaches) {
			return new SpringSessionEnds(List.of(duocacheDataCaches, duocacheResourceCaches));
		}

	}

	static class SpringSessionPresent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return ClassUtils.isPresent("org.springframework.session.events.SessionDestroyedEvent",
					context.getClassLoader());
		}

	}

}
