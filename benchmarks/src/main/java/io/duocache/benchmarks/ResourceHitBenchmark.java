package io.duocache.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A resource hit through Duocache against a direct call, raw Caffeine, a ConcurrentHashMap and
 * Spring's {@code @Cacheable} over Caffeine, for four argument shapes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ResourceHitBenchmark {

	private static final int KEYS = 1024;

	private final String[] strings = new String[KEYS];

	private final Payloads.Query[] queries = new Payloads.Query[KEYS];

	private AnnotationConfigApplicationContext context;

	private Services.Resources duocache;

	private Services.SpringCached spring;

	private final Services.Resources direct = new Services.Resources();

	private final Cache<String, Object> caffeine = Caffeine.newBuilder().build();

	private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

	@Setup(Level.Trial)
	public void setUp() {
		this.context = Contexts.start();
		this.duocache = this.context.getBean(Services.Resources.class);
		this.spring = this.context.getBean(Services.SpringCached.class);
		for (int i = 0; i < KEYS; i++) {
			this.strings[i] = "key-" + i;
			this.queries[i] = new Payloads.Query("city-" + i, i % 24, 1_000L * i);
			this.caffeine.put(this.strings[i], Services.RESOURCE);
			this.map.put(this.strings[i], Services.RESOURCE);
			this.duocache.string(this.strings[i]);
			this.duocache.stringIntLong(this.strings[i], i % 24, 1_000L * i);
			this.duocache.record(this.queries[i]);
			this.spring.string(this.strings[i]);
			this.spring.stringIntLong(this.strings[i], i % 24, 1_000L * i);
			this.spring.record(this.queries[i]);
		}
		this.duocache.none();
		this.spring.none();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@State(Scope.Thread)
	public static class Cursor {

		int next;

		int index() {
			return (this.next++) & (KEYS - 1);
		}

	}

	@Benchmark
	public Object directCall(Cursor cursor) {
		return this.direct.string(this.strings[cursor.index()]);
	}

	@Benchmark
	public Object caffeineGetIfPresent(Cursor cursor) {
		return this.caffeine.getIfPresent(this.strings[cursor.index()]);
	}

	@Benchmark
	public Object concurrentHashMapGet(Cursor cursor) {
		return this.map.get(this.strings[cursor.index()]);
	}

	@Benchmark
	public Object duocacheNone() {
		return this.duocache.none();
	}

	@Benchmark
	public Object springNone() {
		return this.spring.none();
	}

	@Benchmark
	public Object duocacheString(Cursor cursor) {
		return this.duocache.string(this.strings[cursor.index()]);
	}

	@Benchmark
	public Object springString(Cursor cursor) {
		return this.spring.string(this.strings[cursor.index()]);
	}

	@Benchmark
	public Object duocacheStringIntLong(Cursor cursor) {
		int i = cursor.index();
		return this.duocache.stringIntLong(this.strings[i], i % 24, 1_000L * i);
	}

	@Benchmark
	public Object springStringIntLong(Cursor cursor) {
		int i = cursor.index();
		return this.spring.stringIntLong(this.strings[i], i % 24, 1_000L * i);
	}

	@Benchmark
	public Object duocacheRecord(Cursor cursor) {
		return this.duocache.record(this.queries[cursor.index()]);
	}

	@Benchmark
	public Object springRecord(Cursor cursor) {
		return this.spring.record(this.queries[cursor.index()]);
	}

}
