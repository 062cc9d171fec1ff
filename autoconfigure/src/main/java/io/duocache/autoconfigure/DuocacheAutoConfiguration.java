package io.duocache.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.DataCodecCustomizer;
import io.duocache.DuocacheCachesConfiguration;
import io.duocache.DuocacheConfiguration;
import io.duocache.Persist;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCaches;
import io.duocache.data.DataCodec;
import io.duocache.data.HibernateEntityEvents;
import io.duocache.store.disk.DiskStoreSettings;

/**
 * Auto-configuration for Duocache: the cache managers, the proxy that routes {@code @CacheData} and
 * {@code @CacheResource} methods through them, and the settings bound from {@code duocache.*}.
 *
 * <p>It runs after Spring Boot's cache auto-configuration, so that an application with
 * {@code @EnableCaching} still gets its default {@code CacheManager}; the Duocache managers are
 * fallback beans, injected by type or name but never chosen as the application's cache manager.
 */
@AutoConfiguration(afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DuocacheProperties.class)
@Import(DuocacheCachesConfiguration.class)
public final class DuocacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DuocacheBeanPostProcessor duocacheBeanPostProcessor(Environment environment) {
		DuocacheBeanPostProcessor postProcessor = new DuocacheBeanPostProcessor();
		postProcessor.setAdvisorOrder(
				Binder.get(environment).bind("duocache.order", Integer.class).orElse(DuocacheConfiguration.DEFAULT_ORDER));
		return postProcessor;
	}

	@Bean
	@ConditionalOnMissingBean
	DuocacheSettings duocacheSettings(DuocacheProperties properties, Environment environment) {
		UnbracketedCacheNames.check(environment);
		DuocacheProperties.Data data = properties.getData();
		DuocacheProperties.Resource resource = properties.getResource();
		Map<String, CacheSettings> caches = new LinkedHashMap<>();
		Map<String, Persist> persist = new LinkedHashMap<>();
		Map<String, Boolean> entityInvalidation = new LinkedHashMap<>();
		properties.getCaches().forEach((name, cache) -> {
			caches.put(name, new CacheSettings(cache.getTtl(), cache.getMaxEntries(), cache.getMaxSize()));
			if (cache.getPersist() != null) {
				persist.put(name, cache.getPersist());
			}
			if (cache.getInvalidateOnEntityChange() != null) {
				entityInvalidation.put(name, cache.getInvalidateOnEntityChange());
			}
		});
		return new DuocacheSettings(new CacheSettings(data.getTtl(), data.getMaxEntries(), data.getMaxSize()),
				new CacheSettings(resource.getTtl(), resource.getMaxEntries(), null), data.getPersist(), caches,
				persist)
			.withEntityInvalidation(data.isInvalidateOnEntityChange(), entityInvalidation);
	}

	@Bean
	@ConditionalOnMissingBean
	DiskStoreSettings duocacheDiskStoreSettings(DuocacheProperties properties) {
		DuocacheProperties.Disk disk = properties.getPersist();
		return new DiskStoreSettings(disk.getDirectory(), disk.getMaxSize(), disk.getSweepInterval(),
				properties.getRedis().getSigningKey());
	}

	@Bean
	@ConditionalOnMissingBean
	DataCodec duocacheDataCodec(ObjectProvider<DataCodecCustomizer> customizers) {
		return new DataCodec(customizers.orderedStream().toList());
	}

	/**
	 * With Hibernate, its events tell the data caches that invalidate on entity changes what their
	 * values loaded and which committed changes reach them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer",
			"org.hibernate.integrator.spi.Integrator" })
	static class EntityEventsConfiguration {

		@Bean
		HibernatePropertiesCustomizer duocacheEntityEvents(DataCaches duocacheDataCaches) {
			return (hibernateProperties) -> {
				Object existing = hibernateProperties.get(JpaSettings.INTEGRATOR_PROVIDER);
				IntegratorProvider others = (existing instanceof IntegratorProvider provider) ? provider : null;
				HibernateEntityEvents events = new HibernateEntityEvents(duocacheDataCaches.entityDependencies(),
						applicationsInspector(hibernateProperties.get(AvailableSettings.STATEMENT_INSPECTOR)));
				hibernateProperties.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> {
					List<Integrator> integrators = new ArrayList<>();
					if (others != null) {
						integrators.addAll(others.getIntegrators());
					}
					integrators.add(events);
					return integrators;
				});
				hibernateProperties.put(AvailableSettings.STATEMENT_INSPECTOR, events);
			};
		}

		/** The statement inspector the application configured, as Hibernate accepts it: an instance, a class or its name. */
		private static @Nullable StatementInspector applicationsInspector(@Nullable Object configured) {
			if (configured == null || configured instanceof StatementInspector) {
				return (StatementInspector) configured;
			}
			Class<?> type = (configured instanceof Class<?> given) ? given
					: ClassUtils.resolveClassName(configured.toString(), DuocacheAutoConfiguration.class.getClassLoader());
			return (StatementInspector) BeanUtils.instantiateClass(type);
		}

	}

	@Bean
	UnknownCacheNamesReporter duocacheUnknownCacheNamesReporter(DuocacheSettings duocacheSettings,
			CacheDataManager cacheDataManager, CacheResourceManager cacheResourceManager) {
		return new UnknownCacheNamesReporter(duocacheSettings, cacheDataManager, cacheResourceManager);
	}

}
