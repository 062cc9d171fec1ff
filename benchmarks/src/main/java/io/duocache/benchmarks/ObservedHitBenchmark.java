package io.duocache.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import io.duocache.DuocacheConfiguration;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.metrics.MicrometerCacheObservers;
import io.duocache.store.disk.DiskStoreSettings;

/**
 * What observations cost on the call path: a memory hit and a disk hit of a 0.5 KB object with
 * Micrometer meters alone ({@code metrics}) and with an {@code ObservationRegistry} whose meter
 * handler turns each store read into a timer sample, as in a Spring Boot application with Actuator
 * ({@code observed}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ObservedHitBenchmark {

	@Param({ "metrics", "observed" })
	public String observations;

	private Path folder;

	private AnnotationConfigApplicationContext context;

	private Services.DiskData data;

	private DataCache cache;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.folder = Files.createTempDirectory("duocache-observed-benchmark");
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ObservedConfig.class);
		this.context.registerBean(DiskStoreSettings.class, () -> new DiskStoreSettings(this.folder.resolve("duocache"),
				DataSize.ofGigabytes(1), Duration.ofHours(1)));
		MeterRegistry meters = new SimpleMeterRegistry();
		this.context.registerBean(MeterRegistry.class, () -> meters);
		if (this.observations.equals("observed")) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			this.context.registerBean(ObservationRegistry.class, () -> registry);
		}
		this.context.refresh();
		this.data = this.context.getBean(Services.DiskData.class);
		this.data.person(1);
		this.cache = this.context.getBean(DataCaches.class).getTierCache("DiskData.person");
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.context.close();
		FileSystemUtils.deleteRecursively(this.folder);
	}

	@Benchmark
	public Object memoryHit() {
		return this.data.person(1);
	}

	@Benchmark
	public Object diskHit() {
		this.cache.releaseAll();
		return this.data.person(1);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class ObservedConfig {

		@Bean
		MicrometerCacheObservers cacheObservers(org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters,
				org.springframework.beans.factory.ObjectProvider<ObservationRegistry> observations) {
			return new MicrometerCacheObservers(meters, observations);
		}

		@Bean
		Services.DiskData diskData() {
			return new Services.DiskData();
		}

	}

}
