package io.duocache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.CacheInfo;
import io.duocache.CacheResource;
import io.duocache.CacheResourceManager;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DuocacheApplicationTests.App.class)
class DuocacheApplicationTests {

	@Autowired
	private RideService rides;

	@Autowired
	@Qualifier("cacheDataManager")
	private CacheDataManager dataManager;

	@Autowired
	@Qualifier("cacheResourceManager")
	private CacheResourceManager resourceManager;

	@Test
	void cachesDataAsTheApplicationYmlSays() {
		this.rides.loadRides("nyc").add("mutated");
		assertThat(this.rides.loadRides("nyc")).containsExactly("nyc-1", "nyc-2");
		CacheInfo info = this.dataManager.info("RideService.loadRides");
		assertThat(info.ttl()).isEqualTo(Duration.ofHours(1));
		assertThat(info.maxEntries()).isEqualTo(10_000);
		assertThat(info.maxSize()).isEqualTo(DataSize.ofMegabytes(64).toBytes());
		assertThat(info.misses()).isEqualTo(1);
		assertThat(info.hits()).isEqualTo(1);
	}

	@Test
	void appliesSettingsOfANamedCacheOverItsAnnotation() {
		this.rides.byHour(7);
		CacheInfo info = this.dataManager.info("rides");
		assertThat(info.ttl()).isEqualTo(Duration.ofMinutes(10));
		assertThat(info.maxEntries()).isEqualTo(50);
		assertThat(info.maxSize()).isEqualTo(DataSize.ofMegabytes(256).toBytes());
	}

	@Test
	void sharesResourcesWithTheResourceDefaults() {
		assertThat(this.rides.client()).isSameAs(this.rides.client());
		CacheInfo info = this.resourceManager.info("RideService.client");
		assertThat(info.ttl()).isEqualTo(Duration.ofHours(12));
		assertThat(info.maxEntries()).isEqualTo(100);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		RideService rideService() {
			return new RideService();
		}

	}

	static class RideService {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData
		public List<String> loadRides(String city) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(city + "-1", city + "-2"));
		}

		@CacheData(name = "rides", ttl = "1m", maxEntries = 5)
		public List<Integer> byHour(int hour) {
			return List.of(hour);
		}

		@CacheResource
		public Object client() {
			return new Object();
		}

	}

}
