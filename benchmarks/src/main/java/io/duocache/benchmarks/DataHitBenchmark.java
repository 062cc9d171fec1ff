package io.duocache.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import tools.jackson.databind.ObjectReader;

import io.duocache.data.DataCodec;

/**
 * A data hit through Duocache against what it cannot avoid (a bare Smile read of the same bytes),
 * what store-by-value caches do (Java deserialization, as Spring's {@code ConcurrentMapCache} with
 * store-by-value), and raw memory bandwidth ({@code clone}), for three payload sizes; plus an
 * immutable value, returned without a copy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DataHitBenchmark {

	@Param({ "person", "team", "series" })
	public String payload;

	private AnnotationConfigApplicationContext context;

	private Services.Data duocache;

	private ObjectReader smileReader;

	private byte[] smileBytes;

	private Cache storeByValue;

	private Object original;

	private double[] array;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = Contexts.start();
		this.duocache = this.context.getBean(Services.Data.class);
		this.original = call(1);
		DataCodec codec = new DataCodec(List.of());
		this.smileBytes = codec.mapper().writeValueAsBytes(this.original);
		this.smileReader = codec.mapper().readerFor(this.original.getClass());
		ConcurrentMapCacheManager peers = new ConcurrentMapCacheManager();
		peers.setStoreByValue(true);
		peers.setBeanClassLoader(getClass().getClassLoader());
		this.storeByValue = peers.getCache("peer");
		this.storeByValue.put(1, this.original);
		this.array = Payloads.series(1).values;
		this.duocache.text(1);
		this.duocache.quote(1);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	private Object call(int id) {
		return switch (this.payload) {
			case "person" -> this.duocache.person(id);
			case "team" -> this.duocache.team(id);
			default -> this.duocache.series(id);
		};
	}

	@Benchmark
	public Object duocacheHit() {
		return call(1);
	}

	@Benchmark
	public Object smileRead() {
		return this.smileReader.readValue(this.smileBytes);
	}

	@Benchmark
	public Object javaSerializationCopy() {
		return this.storeByValue.get(1).get();
	}

	@Benchmark
	public Object arrayClone() {
		return this.array.clone();
	}

	@Benchmark
	public Object duocacheImmutableString() {
		return this.duocache.text(1);
	}

	@Benchmark
	public Object duocacheImmutableRecord() {
		return this.duocache.quote(1);
	}

}
