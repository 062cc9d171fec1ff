package io.duocache.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.duocache.CacheData;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DuocacheEndpointWebTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=duocache,caches,metrics")
@AutoConfigureTestRestTemplate
class DuocacheEndpointWebTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private Rides rides;

	@Test
	void listsCachesWithTheirCodeHash() {
		this.rides.counted("nyc");
		this.rides.counted("nyc");
		Map<String, Object> body = this.rest.exchange("/actuator/duocache", HttpMethod.GET, null, JSON).getBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> caches = (List<Map<String, Object>>) body.get("caches");
		assertThat(caches).anySatisfy((cache) -> {
			assertThat(cache).containsEntry("name", "Rides.counted").containsEntry("tier", "data");
			assertThat(cache).containsEntry("method", "Rides.counted");
			assertThat((String) cache.get("codeHash")).hasSize(32);
			assertThat(cache.get("hits")).isEqualTo(1);
			assertThat(cache.get("misses")).isEqualTo(1);
		});
	}

	@Test
	void showsOneCacheOrNotFound() {
		this.rides.load("sf");
		ResponseEntity<Map<String, Object>> one = this.rest.exchange("/actuator/duocache/Rides.load", HttpMethod.GET,
				null, JSON);
		assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(one.getBody()).containsEntry("name", "Rides.load");
		assertThat(this.rest.getForEntity("/actuator/duocache/missing", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void clearsOneCacheAndAll() {
		this.rides.load("la");
		this.rest.delete("/actuator/duocache/Rides.load");
		assertThat(entries("Rides.load")).isZero();
		this.rides.load("la");
		this.rides.other();
		this.rest.delete("/actuator/duocache");
		assertThat(entries("Rides.load")).isZero();
		assertThat(entries("Rides.other")).isZero();
	}

	@Test
	void answersNotFoundWhenClearingAnUnknownCacheAndNoContentForAKnownOne() {
		this.rides.load("nyc");
		assertThat(this.rest.exchange("/actuator/duocache/missing", HttpMethod.DELETE, null, Void.class)
			.getStatusCode()
			.value()).isEqualTo(404);
		assertThat(this.rest.exchange("/actuator/duocache/Rides.load", HttpMethod.DELETE, null, Void.class)
			.getStatusCode()
			.value()).isEqualTo(204);
	}

	@Test
	void showsTheDuocacheManagersInTheCachesEndpoint() {
		this.rides.load("nyc");
		String caches = this.rest.getForObject("/actuator/caches", String.class);
		assertThat(caches).contains("cacheDataManager").contains("Rides.load");
	}

	@Test
	void exposesCacheMetrics() {
		this.rides.load("metrics");
		String metric = this.rest.getForObject("/actuator/metrics/cache.gets?tag=cache:Rides.load", String.class);
		assertThat(metric).contains("\"COUNT\"");
	}

	private int entries(String cache) {
		return (Integer) this.rest.exchange("/actuator/duocache/" + cache, HttpMethod.GET, null, JSON)
			.getBody()
			.get("entries");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Rides rides() {
			return new Rides();
		}

	}

	static class Rides {

		@CacheData
		public List<String> load(String city) {
			return new ArrayList<>(List.of(city));
		}

		@CacheData
		public String counted(String city) {
			return city;
		}

		@CacheData
		public String other() {
			return "other";
		}

	}

}
