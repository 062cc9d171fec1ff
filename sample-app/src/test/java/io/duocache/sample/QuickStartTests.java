package io.duocache.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the README's quick start against the running application and checks hits and misses
 * through {@code /actuator/metrics/cache.gets}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.rides.rows=20000", "duocache.persist.directory=${java.io.tmpdir}/duocache-sample-test/${random.uuid}", "sample.sales.rows=20000", "sample.sentiment.reviews=20000", "sample.rides.file=${java.io.tmpdir}/duocache-sample-test/pickups.csv" })
@AutoConfigureTestRestTemplate
class QuickStartTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private TestRestTemplate rest;

	@Test
	void keepsDataIntactButLetsResourcesDrift() {
		assertThat(getList("/mutation/data")).containsExactly(1, 2, 3);
		assertThat(getList("/mutation/data")).containsExactly(1, 2, 3);
		assertThat(getList("/mutation/resource")).containsExactly(1, 2, 3);
		assertThat(getList("/mutation/resource")).containsExactly(2, 2, 3);
		assertThat(getList("/mutation/resource")).containsExactly(3, 2, 3);
		assertThat(gets("Numbers.asData", "miss")).isEqualTo(1);
		assertThat(gets("Numbers.asData", "hit")).isEqualTo(1);
		assertThat(gets("Numbers.asResource", "hit")).isEqualTo(2);
	}

	@Test
	void loadsTheDatasetOnceAndFiltersItByHour() {
		Map<String, Object> first = get("/rides");
		Map<String, Object> second = get("/rides");
		assertThat(first.get("count")).isEqualTo(20000);
		assertThat(second).isEqualTo(first);
		Map<String, Object> evening = get("/rides/hour/17");
		assertThat((Integer) evening.get("count")).isPositive().isLessThan(20000);
		get("/rides/hour/17");
		assertThat(gets("RideLoader.loadRides", "miss")).isEqualTo(1);
		assertThat(gets("ridesByHour", "miss")).isEqualTo(1);
		assertThat(gets("ridesByHour", "hit")).isEqualTo(1);
		Map<String, Object> base = get("/rides/base/B02512");
		assertThat((Integer) base.get("count")).isPositive().isLessThan(20000);
		assertThat(gets("RideQueries.ridesOfBase", "miss")).isEqualTo(1);
	}

	@Test
	void cachesAQueryWhoseConnectionIsNotPartOfTheKey() {
		List<?> coffee = this.rest.getForObject("/products/coffee", List.class);
		assertThat(coffee).hasSize(3);
		this.rest.getForObject("/products/coffee", List.class);
		this.rest.getForObject("/products/tea", List.class);
		assertThat(gets("ProductQueries.byCategory", "miss")).isEqualTo(2);
		assertThat(gets("ProductQueries.byCategory", "hit")).isEqualTo(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void cachesAPageOfOwnersPerPageableFromTheRepositoryInterface() {
		Map<String, Object> first = get("/owners?lastName=Da&page=0&size=5");
		Map<String, Object> hit = get("/owners?lastName=Da&page=0&size=5");
		Map<String, Object> second = get("/owners?lastName=Da&page=1&size=5");
		Map<String, Object> byFirstName = get("/owners?lastName=Da&page=0&size=5&sort=firstName,desc");
		assertThat(hit).isEqualTo(first);
		assertThat((List<Map<String, Object>>) first.get("owners")).hasSize(5)
			.allSatisfy((owner) -> assertThat((String) owner.get("lastName")).startsWith("Da"))
			.allSatisfy((owner) -> assertThat((List<?>) owner.get("pets")).isNotEmpty());
		assertThat(second.get("owners")).isNotEqualTo(first.get("owners"));
		assertThat(second.get("totalElements")).isEqualTo(first.get("totalElements"));
		assertThat(byFirstName.get("owners")).isNotEqualTo(first.get("owners"));
		assertThat(gets("OwnerRepository.findByLastNameStartingWith", "miss")).isEqualTo(3);
		assertThat(gets("OwnerRepository.findByLastNameStartingWith", "hit")).isEqualTo(1);
	}

	@Test
	void sharesOneTrainedModel() {
		assertThat(get("/sentiment?text=great friendly driver")).containsEntry("label", "positive");
		assertThat(get("/sentiment?text=terrible rude service")).containsEntry("label", "negative");
		assertThat(gets("ModelProvider.sentimentModel", "miss")).isEqualTo(1);
		assertThat(gets("ModelProvider.sentimentModel", "hit")).isEqualTo(1);
		assertThat(computeCount("ModelProvider.sentimentModel")).as("one timer, each miss timed once").isEqualTo(1);
		assertThat(this.rest.getForObject("/actuator/prometheus", String.class).lines()
			.filter((line) -> line.startsWith("duocache_compute_seconds_count{")
					&& line.contains("cache=\"ModelProvider.sentimentModel\"")))
			.singleElement()
			.asString()
			.contains("result=\"success\"", "tier=\"resource\"");
	}

	@Test
	void callsTheWeatherApiOnceWithinTheTtl() {
		long before = this.rest.getForObject("/api/source/calls", Long.class);
		Map<String, Object> first = get("/weather/Lisbon");
		Map<String, Object> second = get("/weather/Lisbon");
		assertThat(second).isEqualTo(first);
		assertThat(this.rest.getForObject("/api/source/calls", Long.class)).isEqualTo(before + 1);
	}

	@Test
	void hashesACustomClassWithItsParamHasher() {
		assertThat(get("/scores?player=ada&points=21&factor=2")).containsEntry("result", 42);
		get("/scores?player=ada&points=21&factor=2");
		get("/scores?player=bob&points=21&factor=2");
		assertThat(gets("ScoreService.multiplyScore", "miss")).isEqualTo(2);
		assertThat(gets("ScoreService.multiplyScore", "hit")).isEqualTo(1);
	}

	@Test
	void exposesTheCachesToOperators() {
		assertThat(this.rest.getForObject("/actuator/health", String.class)).contains("UP");
		assertThat(this.rest.getForObject("/actuator/duocache", String.class)).contains("Numbers.asData");
		assertThat(this.rest.getForObject("/actuator/caches", String.class)).contains("cacheResourceManager");
		assertThat(this.rest.getForObject("/actuator/prometheus", String.class)).contains("cache_gets_total");
	}

	private Map<String, Object> get(String path) {
		return this.rest.exchange(path, HttpMethod.GET, null, JSON).getBody();
	}

	@SuppressWarnings("unchecked")
	private List<Object> getList(String path) {
		return (List<Object>) this.rest.getForObject(path, List.class);
	}

	@SuppressWarnings("unchecked")
	private double computeCount(String cache) {
		Map<String, Object> metric = get("/actuator/metrics/duocache.compute?tag=cache:" + cache);
		return ((List<Map<String, Object>>) metric.get("measurements")).stream()
			.filter((measurement) -> "COUNT".equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.sum();
	}

	@SuppressWarnings("unchecked")
	private double gets(String cache, String result) {
		Map<String, Object> metric = get("/actuator/metrics/cache.gets?tag=cache:" + cache + "&tag=result:" + result);
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		return ((Number) measurements.get(0).get("value")).doubleValue();
	}

}
