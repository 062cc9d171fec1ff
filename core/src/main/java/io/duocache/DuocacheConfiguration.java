package io.duocache;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.duocache.aop.DuocacheBeanPostProcessor;

/**
 * Wires Duocache into a plain Spring application: {@code @Import(DuocacheConfiguration.class)}.
 * A {@code DuocacheSettings} bean, if present, sets defaults and per-cache bounds, and the
 * {@code duocache.order} property the order of Duocache's advisor. Spring Boot applications use the
 * starter instead.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
@Import(DuocacheCachesConfiguration.class)
public class DuocacheConfiguration {

	/**
	 * The order of Duocache's advisor among the other advisors of a bean, unless
	 * {@code duocache.order} says otherwise: after every interceptor of Spring Security's method
	 * security (whose orders run from 100 to 600, plus {@code @EnableMethodSecurity(offset)}), so a
	 * cached value never reaches a caller its security refuses, and before the transaction interceptor
	 * and Spring's cache interceptor ({@link Ordered#LOWEST_PRECEDENCE} by default), so a hit opens no
	 * transaction.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DuocacheBeanPostProcessor duocacheBeanPostProcessor(Environment environment) {
		DuocacheBeanPostProcessor postProcessor = new DuocacheBeanPostProcessor();
		postProcessor.setAdvisorOrder(environment.getProperty("duocache.order", Integer.class, DEFAULT_ORDER));
		return postProcessor;
	}

}
