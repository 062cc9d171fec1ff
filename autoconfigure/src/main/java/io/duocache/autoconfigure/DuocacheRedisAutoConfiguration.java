package io.duocache.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.store.redis.RedisEntryStore;
import io.duocache.store.redis.RedisStoreSettings;

/**
 * Auto-configuration of the Redis store for caches that persist to REDIS, on the application's own
 * {@link RedisConnectionFactory}; its circuit as a meter and as a health detail that never takes
 * the application down (Redis down is a slower cache, not a dead application).
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "duocache.enabled", matchIfMissing = true)
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(DuocacheProperties.class)
public final class DuocacheRedisAutoConfiguration {

	@Bean(DuocacheBeanPostProcessor.REDIS_STORE)
	@ConditionalOnMissingBean(name = DuocacheBeanPostProcessor.REDIS_STORE)
	RedisEntryStore duocacheRedisStore(RedisConnectionFactory redisConnectionFactory, DuocacheProperties properties) {
		DuocacheProperties.Redis redis = properties.getRedis();
		return new RedisEntryStore(redisConnectionFactory, new RedisStoreSettings(redis.getKeyPrefix(),
				redis.getSigningKey(), redis.getTimeout(), redis.getLocalTtl(), redis.getMaxTtl(),
				redis.getMaxValueSize(), redis.getLease(), redis.getPreviousSigningKeys()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class CircuitMeterConfiguration {

		@Bean
		MeterBinder duocacheRedisCircuitMeter(RedisEntryStore duocacheRedisStore) {
			return (registry) -> {
				Gauge.builder("duocache.store.circuit", duocacheRedisStore, (store) -> store.isCircuitOpen() ? 1 : 0)
					.tag("store", "redis")
					.description("1 while calls skip the store after repeated failures, else 0.")
					.register(registry);
				FunctionCounter.builder("duocache.store.repairs", duocacheRedisStore, RedisEntryStore::repairs)
					.tag("store", "redis")
					.description("Times the store answered an older generation or entry version than this instance "
							+ "had seen (a failover lost a clear) and the newer one was restored.")
					.register(registry);
				FunctionCounter
					.builder("duocache.store.clears.unacknowledged", duocacheRedisStore,
							RedisEntryStore::unacknowledgedClears)
					.tag("store", "redis")
					.description("Clears that no replica acknowledged within duocache.redis.timeout.")
					.register(registry);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		HealthIndicator duocacheRedisHealthIndicator(RedisEntryStore duocacheRedisStore) {
			return () -> Health.up()
				.withDetail("store", "redis")
				.withDetail("circuit", duocacheRedisStore.isCircuitOpen() ? "open" : "closed")
				.withDetail("serving", duocacheRedisStore.isCircuitOpen() ? "memory and computation only"
						: "memory, Redis and computation")
				.withDetail("repairs", duocacheRedisStore.repairs())
				.withDetail("unacknowledgedClears", duocacheRedisStore.unacknowledgedClears())
				.build();
		}

	}

}
