package io.duocache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.Persist;
import io.duocache.actuate.DuocacheEndpoint;
import io.duocache.store.redis.RedisEntryStore;
import io.duocache.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store as an application gets it: Spring Boot's Redis connection, {@code duocache.redis.*},
 * the signing key check, the circuit meter and health, and the fix when Redis is missing.
 */
class DuocacheRedisAutoConfigurationTests {

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(
				org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
				DuocacheAutoConfiguration.class, DuocacheRedisAutoConfiguration.class,
				DuocacheMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void sharesACacheThroughTheApplicationsRedis() {
		this.runner.withUserConfiguration(Shared.class)
			.withPropertyValues("spring.data.redis.port=" + redis.port(), "spring.data.redis.host=127.0.0.1",
					"duocache.redis.signing-key=0123456789abcdef0123456789abcdef", "duocache.redis.key-prefix=app:")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisEntryStore.class);
				Quotes quotes = context.getBean(Quotes.class);
				AtomicInteger calls = new AtomicInteger();
				// The first operations of a cold JVM may outrun the 250 ms bound; the call then carries on
				// from memory, and a later one writes to Redis.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> !quotes.quote("acme-" + calls.incrementAndGet()).isEmpty()
							&& !redis.command("KEYS", "app:Quotes.quote:0:{*}").isBlank());
				assertThat(context.getBean(CacheDataManager.class).info("Quotes.quote").persist()).isEqualTo("redis");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean("duocacheRedisCircuitMeter", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("duocache.store.circuit").tag("store", "redis").gauge().value()).isZero();
				assertThat(registry.get("duocache.store.repairs").tag("store", "redis").functionCounter().count())
					.isZero();
				assertThat(registry.get("duocache.store.clears.unacknowledged")
					.tag("store", "redis")
					.functionCounter()
					.count()).isZero();
				HealthIndicator health = context.getBean("duocacheRedisHealthIndicator", HealthIndicator.class);
				assertThat(health.health(true).getStatus().getCode()).isEqualTo("UP");
				assertThat(health.health(true).getDetails()).containsEntry("circuit", "closed")
					.containsEntry("repairs", 0L)
					.containsEntry("unacknowledgedClears", 0L);
			});
	}

	@Test
	void showsTheStoreWithItsRepairsInTheEndpoint() {
		this.runner.withConfiguration(AutoConfigurations.of(DuocacheEndpointAutoConfiguration.class))
			.withUserConfiguration(Shared.class)
			.withPropertyValues("spring.data.redis.port=" + redis.port(), "spring.data.redis.host=127.0.0.1",
					"duocache.redis.signing-key=0123456789abcdef0123456789abcdef",
					"management.endpoints.web.exposure.include=duocache")
			.run((context) -> assertThat(context.getBean(DuocacheEndpoint.class).caches().stores())
				.containsExactly(new DuocacheEndpoint.StoreDescriptor("redis", "closed", 0, 0)));
	}

	@Test
	void failsStartupWithoutASigningKeyNamingTheProperty() {
		this.runner.withUserConfiguration(Shared.class)
			.withPropertyValues("spring.data.redis.port=" + redis.port(), "spring.data.redis.host=127.0.0.1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DuocacheFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("duocache.redis.signing-key")
					.contains("openssl rand -base64 48");
			});
	}

	@Test
	void startsWithRedisButNoRedisCacheAndNoSigningKey() {
		this.runner.withPropertyValues("spring.data.redis.port=" + redis.port())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisEntryStore.class));
	}

	@Test
	void saysHowToAddRedisWhenACacheAsksForItWithoutIt() {
		this.runner.withUserConfiguration(Shared.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidCacheDeclarationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'Quotes.quote'").contains("needs Redis");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("spring.data.redis.host");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Shared {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

	static class Quotes {

		@CacheData(persist = Persist.REDIS, ttl = "10m")
		public List<String> quote(String symbol) {
			return new ArrayList<>(List.of(symbol));
		}

	}

}
