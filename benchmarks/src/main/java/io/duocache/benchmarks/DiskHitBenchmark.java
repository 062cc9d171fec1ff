package io.duocache.benchmarks;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
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
import io.duocache.store.disk.DiskStoreSettings;

/**
 * A disk hit of a {@code persist = DISK} cache (memory emptied first, so the call reads the file,
 * verifies it and hands out a copy) next to reading the same file's bytes raw, and to Ehcache 3's
 * disk tier holding the same value (Java serialization), for a half-kilobyte object, a 1 MB numeric
 * series and the 10M × 4 table. {@code pickle_table.py} measures {@code pickle.load} of the table
 * from a file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DiskHitBenchmark {

	@Param({ "person", "series", "table" })
	public String payload;

	private static final int TABLE_ROWS = 10_000_000;

	private Path folder;

	private AnnotationConfigApplicationContext context;

	private Services.DiskData data;

	private DataCache cache;

	private Path entryFile;

	private PersistentCacheManager ehcacheManager;

	private Cache<Long, Serializable> ehcache;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.folder = Files.createTempDirectory("duocache-disk-benchmark");
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(DiskConfig.class);
		this.context.registerBean(DiskStoreSettings.class, () -> new DiskStoreSettings(this.folder.resolve("duocache"),
				DataSize.ofGigabytes(4), Duration.ofHours(1)));
		this.context.refresh();
		this.data = this.context.getBean(Services.DiskData.class);
		Serializable value = (Serializable) call();
		this.cache = this.context.getBean(DataCaches.class).getTierCache(cacheName());
		this.entryFile = onlyEntry();
		this.ehcacheManager = CacheManagerBuilder.newCacheManagerBuilder()
			.with(CacheManagerBuilder.persistence(this.folder.resolve("ehcache").toFile()))
			.withCache("disk", CacheConfigurationBuilder.newCacheConfigurationBuilder(Long.class, Serializable.class,
					ResourcePoolsBuilder.newResourcePoolsBuilder().disk(4, MemoryUnit.GB, true)))
			.build(true);
		this.ehcache = this.ehcacheManager.getCache("disk", Long.class, Serializable.class);
		this.ehcache.put(1L, value);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.ehcacheManager.close();
		this.context.close();
		FileSystemUtils.deleteRecursively(this.folder);
	}

	@Benchmark
	public Object duocacheDiskHit() {
		this.cache.releaseAll();
		return call();
	}

	@Benchmark
	public Object readAllBytes() throws IOException {
		return Files.readAllBytes(this.entryFile);
	}

	@Benchmark
	public Object ehcacheDiskHit() {
		return this.ehcache.get(1L);
	}

	private Object call() {
		return switch (this.payload) {
			case "person" -> this.data.person(1);
			case "series" -> this.data.series(1);
			case "table" -> this.data.table(TABLE_ROWS);
			default -> throw new IllegalArgumentException(this.payload);
		};
	}

	private String cacheName() {
		return "DiskData." + this.payload;
	}

	private Path onlyEntry() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder.resolve("duocache"))) {
			List<Path> entries = files.filter((file) -> file.toString().endsWith(".entry")).toList();
			if (entries.size() != 1) {
				throw new UncheckedIOException(new IOException("Expected one entry file, found " + entries));
			}
			return entries.get(0);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class DiskConfig {

		@Bean
		Services.DiskData diskData() {
			return new Services.DiskData();
		}

	}

}
