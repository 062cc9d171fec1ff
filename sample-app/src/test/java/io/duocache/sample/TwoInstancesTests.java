package io.duocache.sample;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import io.duocache.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "two instances, one Redis": two instances of the sample app with the redis profile on
 * one real redis-server; the second answers the product query from the first one's computation.
 */
class TwoInstancesTests {

	@RegisterExtension
	static final RedisServer redis = RedisServer.forEachTestClass();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@AfterEach
	void stop() {
		if (this.second != null) {
			this.second.close();
		}
		if (this.first != null) {
			this.first.close();
		}
	}

	@Test
	void theSecondInstanceAnswersFromTheFirstOnesComputation() {
		this.first = start();
		this.second = start();
		TestRestTemplate one = rest(this.first);
		TestRestTemplate two = rest(this.second);
		Object fromOne = one.getForObject("/products/coffee", Object.class);
		Object fromTwo = two.getForObject("/products/coffee", Object.class);
		assertThat(fromTwo).isEqualTo(fromOne);
		Map<?, ?> onTwo = two.getForObject("/actuator/duocache/ProductQueries.byCategory", Map.class);
		assertThat(onTwo.get("persist")).isEqualTo("redis");
		assertThat(onTwo.get("misses")).isEqualTo(0);
		assertThat(onTwo.get("hits")).isEqualTo(1);
		Map<?, ?> health = two.getForObject("/actuator/health", Map.class);
		assertThat(health.get("status")).isEqualTo("UP");
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class).profiles("redis")
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
					"--spring.data.redis.host=127.0.0.1", "--sample.rides.rows=1000", "--sample.sales.rows=2000",
					"--sample.sentiment.reviews=1000",
					"--sample.rides.file=${java.io.tmpdir}/duocache-sample-redis/pickups.csv",
					"--duocache.persist.directory=${java.io.tmpdir}/duocache-sample-redis/${random.uuid}",
					"--spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1");
	}

	private static TestRestTemplate rest(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return new TestRestTemplate(new org.springframework.boot.restclient.RestTemplateBuilder()
			.rootUri("http://127.0.0.1:" + port));
	}

}
