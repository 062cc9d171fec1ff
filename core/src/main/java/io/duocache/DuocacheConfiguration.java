package io.duocache;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

import io.duocache.aop.DuocacheBeanPostProcessor;

/**
 * Wires Duocache into a plain Spring application: {@code @Import(DuocacheConfiguration.class)}.
 * A {@code DuocacheSettings} bean, if present, sets defaults and per-cache bounds. Spring Boot
 * applications use the starter instead.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
@Import(DuocacheCachesConfiguration.class)
public class DuocacheConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DuocacheBeanPostProcessor duocacheBeanPostProcessor() {
		return new DuocacheBeanPostProcessor();
	}

}
