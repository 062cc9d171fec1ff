package io.duocache.benchmarks.jpa;

import java.util.List;
import java.util.Map;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCaches;
import io.duocache.data.HibernateEntityEvents;

/**
 * The JPA application with Hibernate's events registered for Duocache and the {@code trackedOwners}
 * and {@code trackedOwner} caches invalidating on entity changes, as {@code duocache.caches.trackedOwners.invalidate-on-entity-change}
 * makes it in Boot.
 */
@Configuration(proxyBeanMethods = false)
@Import(JpaConfiguration.class)
public class EntityTrackingConfiguration {

	@Bean
	DuocacheSettings duocacheSettings() {
		return DuocacheSettings.defaults().withEntityInvalidation(false, Map.of("trackedOwners", true, "trackedOwner", true));
	}

	@Bean
	static BeanPostProcessor entityEvents(ObjectProvider<DataCaches> dataCaches) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
					HibernateEntityEvents events = new HibernateEntityEvents(dataCaches.getObject().entityDependencies(),
							null);
					factory.getJpaPropertyMap().put(JpaSettings.INTEGRATOR_PROVIDER,
							(IntegratorProvider) () -> List.of(events));
					factory.getJpaPropertyMap().put(AvailableSettings.STATEMENT_INSPECTOR, events);
				}
				return bean;
			}
		};
	}

}
