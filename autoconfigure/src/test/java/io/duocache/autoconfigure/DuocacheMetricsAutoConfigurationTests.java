package io.duocache.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.CacheResource;
import io.duocache.data.DataCaches;
import io.duocache.metrics.MicrometerCacheObservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DuocacheMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DuocacheAutoConfiguration.class,
				DuocacheMetricsAutoConfiguration.class))
		.withUserConfiguration(Services.class);

	@Test
	void countsOneMissAndTwoHitsExactly() {
		this.runner.run((context) -> {
			Rides rides = context.getBean(Rides.class);
			rides.load("nyc");
			rides.load("nyc");
			rides.load("nyc");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "cache.gets", "Rides.load", "result", "miss")).isEqualTo(1);
			assertThat(count(registry, "cache.gets", "Rides.load", "result", "hit")).isEqualTo(2);
			assertThat(count(registry, "cache.puts", "Rides.load")).isEqualTo(1);
			assertThat(registry.get("cache.size").tag("cache", "Rides.load").gauge().value()).isEqualTo(1);
			assertThat(registry.get("duocache.bytes").tag("cache", "Rides.load").gauge().value()).isPositive();
			assertThat(registry.get("duocache.compute").tag("cache", "Rides.load").timer().count()).isEqualTo(1);
			assertThat(registry.get("duocache.copy").tag("cache", "Rides.load").timer().count()).isEqualTo(2);
			assertThat(registry.get("duocache.compute.active").tag("cache", "Rides.load").longTaskTimer().activeTasks())
				.isZero();
			assertThat(registry.find("duocache.store.gets").tag("cache", "Rides.load").meters()).isEmpty();
		});
	}

	@Test
	void observesEachComputationWithItsOutcomeAroundWhatItDoesAndNoHit() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		List<Observation.Context> stopped = recordStopped(observations);
		this.runner.withBean(ObservationRegistry.class, () -> observations)
			.withUserConfiguration(TracedServices.class)
			.run((context) -> {
				Traced traced = context.getBean(Traced.class);
				traced.load("a");
				traced.load("a");
				assertThat(traced.seenInside()).isNotNull();
				assertThat(traced.seenInside().getContext().getName()).isEqualTo("duocache.compute");
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("duocache.compute", 1)
					.hasObservationWithNameEqualTo("duocache.compute")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("cache", "Traced.load")
					.hasLowCardinalityKeyValue("cache.manager", "cacheData")
					.hasLowCardinalityKeyValue("tier", "data")
					.hasLowCardinalityKeyValue("result", "success")
					.doesNotHaveError();
				assertThatIllegalStateException().isThrownBy(() -> traced.fail("b"));
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("duocache.compute", 2)
					.forAllObservationsWithNameEqualTo("duocache.compute",
							(observation) -> observation.doesNotHaveHighCardinalityKeyValueWithKey("key"));
				assertThat(stopped).hasSize(2).last().satisfies((failed) -> {
					assertThat(failed.getLowCardinalityKeyValue("cache").getValue()).isEqualTo("Traced.fail");
					assertThat(failed.getLowCardinalityKeyValue("result").getValue()).isEqualTo("error");
					assertThat(failed.getError()).hasMessage("no quote for b");
				});
				assertThat(traced.later("c").join()).isEqualTo("c");
				assertThat(traced.later("c").join()).isEqualTo("c");
				assertThat(stopped).hasSize(3).last().satisfies((later) -> {
					assertThat(later.getLowCardinalityKeyValue("cache").getValue()).isEqualTo("Traced.later");
					assertThat(later.getLowCardinalityKeyValue("result").getValue()).isEqualTo("success");
				});
			});
	}

	@Test
	void timesEachComputationOnceWhenComputationsAreObservationsTheMeterHandlerTimes() {
		this.runner.withUserConfiguration(MeteredObservations.class, TracedServices.class).run((context) -> {
			Traced traced = context.getBean(Traced.class);
			traced.load("a");
			traced.load("b");
			traced.load("a");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			List<Timer> timers = List.copyOf(registry.find("duocache.compute").tag("cache", "Traced.load").timers());
			assertThat(timers).hasSize(1);
			assertThat(timers.get(0).count()).isEqualTo(2);
			assertThat(timers.get(0).getId().getTag("result")).isEqualTo("success");
			assertThat(registry.find("duocache.compute.active").tag("cache", "Traced.load").longTaskTimers())
				.hasSize(1);
			assertThat(registry.get("duocache.copy").tag("cache", "Traced.load").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void observesReadsAndWritesOfTheDiskStoreOnTheCallingThread(@TempDir Path folder) {
		TestObservationRegistry observations = TestObservationRegistry.create();
		List<Observation.Context> stopped = recordStopped(observations);
		this.runner.withBean(ObservationRegistry.class, () -> observations)
			.withUserConfiguration(DiskServices.class)
			.withPropertyValues("duocache.persist.directory=" + folder)
			.run((context) -> {
				Persisted persisted = context.getBean(Persisted.class);
				persisted.load("nyc");
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("duocache.store.read", 1)
					.hasObservationWithNameEqualTo("duocache.store.read")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("cache", "Persisted.load")
					.hasLowCardinalityKeyValue("store", "disk")
					.hasLowCardinalityKeyValue("result", "miss");
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("duocache.store.write", 1)
					.hasObservationWithNameEqualTo("duocache.store.write")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("result", "success");
				context.getBean(DataCaches.class).getTierCache("Persisted.load").releaseAll();
				persisted.load("nyc");
				persisted.load("nyc");
				TestObservationRegistryAssert.assertThat(observations)
					.hasNumberOfObservationsWithNameEqualTo("duocache.store.read", 2)
					.hasNumberOfObservationsWithNameEqualTo("duocache.store.write", 1)
					.hasNumberOfObservationsWithNameEqualTo("duocache.compute", 1)
					.forAllObservationsWithNameEqualTo("duocache.store.read", (read) -> read.doesNotHaveError());
				assertThat(stopped).filteredOn((stop) -> stop.getName().equals("duocache.store.read"))
					.extracting((read) -> read.getLowCardinalityKeyValue("result").getValue())
					.containsExactly("miss", "hit");
			});
	}

	@Test
	void countsReadsAndFailuresOfTheDiskStore(@TempDir Path folder) {
		this.runner.withUserConfiguration(DiskServices.class)
			.withPropertyValues("duocache.persist.directory=" + folder)
			.run((context) -> {
				Persisted persisted = context.getBean(Persisted.class);
				persisted.load("nyc");
				context.getBean(DataCaches.class).getTierCache("Persisted.load").releaseAll();
				persisted.load("nyc");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("duocache.store.gets")
					.tags("cache", "Persisted.load", "store", "disk", "result", "miss")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get("duocache.store.gets")
					.tags("cache", "Persisted.load", "store", "disk", "result", "hit")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get("duocache.store.errors")
					.tags("cache", "Persisted.load", "store", "disk", "operation", "read")
					.functionCounter()
					.count()).isZero();
			});
	}

	@Test
	void countsBackgroundRefreshesRunOnTheApplicationTaskExecutor() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run((context) -> {
			Rides rides = context.getBean(Rides.class);
			rides.quote("tea");
			Thread.sleep(1100);
			rides.quote("tea");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(10))
				.until(() -> count(registry, "duocache.refresh", "Rides.quote", "result", "success") == 1);
			assertThat(count(registry, "duocache.refresh", "Rides.quote", "result", "failure")).isZero();
			assertThat(rides.lastQuoteThread()).startsWith("task-");
			assertThat(registry.find("duocache.refresh").tag("cache", "Rides.load").meters()).isEmpty();
		});
	}

	@Test
	void tagsEachCacheWithItsManager() {
		this.runner.run((context) -> {
			context.getBean(Rides.class).client();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cache.gets").tags("cache", "Rides.client", "cache.manager", "cacheResource",
					"result", "miss").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("cache.gets").tags("cache", "Rides.load", "cache.manager", "cacheData",
					"result", "miss").functionCounter().count()).isZero();
		});
	}

	@Test
	void countsEvictions() {
		this.runner.run((context) -> {
			Rides rides = context.getBean(Rides.class);
			for (int i = 0; i < 10; i++) {
				rides.bounded(i);
			}
			context.getBean(DataCaches.class).getTierCache("Rides.bounded").cleanUp();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			org.awaitility.Awaitility.await()
				.until(() -> count(registry, "cache.evictions", "Rides.bounded") == 8);
		});
	}

	@Test
	void metersACacheCreatedAfterStartup() {
		this.runner.run((context) -> {
			Cache late = context.getBean("cacheDataManager", CacheDataManager.class).getCache("late");
			late.put("k", "v");
			late.get("k");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "cache.puts", "late")).isEqualTo(1);
			assertThat(count(registry, "cache.gets", "late", "result", "hit")).isEqualTo(1);
		});
	}

	@Test
	void keepsCachingWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DuocacheAutoConfiguration.class,
					DuocacheMetricsAutoConfiguration.class))
			.withBean(Rides.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerCacheObservers.class);
				Rides rides = context.getBean(Rides.class);
				assertThat(rides.load("nyc")).isEqualTo(rides.load("nyc"));
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerCacheObservers.class);
			Rides rides = context.getBean(Rides.class);
			assertThat(rides.load("nyc")).isEqualTo(rides.load("nyc"));
		});
	}

	private static double count(MeterRegistry registry, String name, String cache, String... tags) {
		return registry.get(name).tag("cache", cache).tags(tags).functionCounter().count();
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Rides rides() {
			return new Rides();
		}

	}

	private static List<Observation.Context> recordStopped(ObservationRegistry observations) {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return stopped;
	}

	@Configuration(proxyBeanMethods = false)
	static class MeteredObservations {

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return observations;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracedServices {

		@Bean
		Traced traced(ObservationRegistry observations) {
			return new Traced(observations);
		}

	}

	static class Traced {

		private final ObservationRegistry observations;

		private volatile Observation seenInside;

		Traced(ObservationRegistry observations) {
			this.observations = observations;
		}

		/** The observation current while the method computed (through the proxy, so not a field read). */
		public Observation seenInside() {
			return this.seenInside;
		}

		@CacheData
		public List<String> load(String id) {
			this.seenInside = this.observations.getCurrentObservation();
			return new ArrayList<>(List.of(id));
		}

		@CacheData
		public List<String> fail(String id) {
			throw new IllegalStateException("no quote for " + id);
		}

		@CacheData
		public CompletableFuture<String> later(String id) {
			return CompletableFuture.supplyAsync(() -> id);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DiskServices {

		@Bean
		Persisted persisted() {
			return new Persisted();
		}

	}

	static class Persisted {

		@CacheData(persist = io.duocache.Persist.DISK)
		public List<String> load(String city) {
			return new ArrayList<>(List.of(city));
		}

	}

	static class Rides {

		@CacheData
		public List<String> load(String city) {
			return new ArrayList<>(List.of(city));
		}

		@CacheData(maxEntries = 2)
		public int bounded(int id) {
			return id;
		}

		private volatile String lastQuoteThread;

		public String lastQuoteThread() {
			return this.lastQuoteThread;
		}

		@CacheData(ttl = "1s", refresh = io.duocache.Refresh.BACKGROUND)
		public List<String> quote(String item) {
			this.lastQuoteThread = Thread.currentThread().getName();
			return new ArrayList<>(List.of(item));
		}

		@CacheResource
		public Object client() {
			return new Object();
		}

	}

}
