package io.duocache.benchmarks;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.duocache.DuocacheConfiguration;

/**
 * One Spring context with Duocache and with Spring's {@code @Cacheable} over Caffeine, as an
 * application would have them.
 */
final class Contexts {

	private Contexts() {
	}

	static AnnotationConfigApplicationContext start() {
		return new AnnotationConfigApplicationContext(Config.class);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	@EnableCaching
	static class Config {

		@Bean
		CacheManager cacheManager() {
			return new CaffeineCacheManager();
		}

		@Bean
		Services.Resources resources() {
			return new Services.Resources();
		}

		@Bean
		Services.SpringCached springCached() {
			return new Services.SpringCached();
		}

		@Bean
		Services.Data data() {
			return new Services.Data();
		}

	}

}
