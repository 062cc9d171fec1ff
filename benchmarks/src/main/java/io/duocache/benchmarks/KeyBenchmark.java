package io.duocache.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;
import io.duocache.key.ParamHashers;
import io.duocache.key.ResourceIdentities;

/**
 * Deriving a Duocache key against Spring's {@code SimpleKey}, per argument shape.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class KeyBenchmark {

	private static final int KEYS = 1024;

	private final Object[][] strings = new Object[KEYS][];

	private final Object[][] stringIntLongs = new Object[KEYS][];

	private final Object[][] records = new Object[KEYS][];

	private final KeyHasher oneArgument = hasher(1);

	private final KeyHasher threeArguments = hasher(3);

	private int next;

	public KeyBenchmark() {
		for (int i = 0; i < KEYS; i++) {
			this.strings[i] = new Object[] { "key-" + i };
			this.stringIntLongs[i] = new Object[] { "key-" + i, i % 24, 1_000L * i };
			this.records[i] = new Object[] { new Payloads.Query("city-" + i, i % 24, 1_000L * i) };
		}
	}

	private static KeyHasher hasher(int parameters) {
		List<KeyHasher.KeyParameter> keyParameters = new ArrayList<>();
		for (int i = 0; i < parameters; i++) {
			keyParameters.add(new KeyHasher.KeyParameter(i, "p" + i));
		}
		return new KeyHasher(KeyHasher.seed("benchmark"), keyParameters, ParamHashers.none(), new ResourceIdentities(),
				"KeyBenchmark.method");
	}

	private int index() {
		return (this.next++) & (KEYS - 1);
	}

	@Benchmark
	public CacheKey duocacheString() {
		return this.oneArgument.keyFor(this.strings[index()]);
	}

	@Benchmark
	public Object simpleKeyString() {
		return SimpleKeyGenerator.generateKey(this.strings[index()]);
	}

	@Benchmark
	public CacheKey duocacheStringIntLong() {
		return this.threeArguments.keyFor(this.stringIntLongs[index()]);
	}

	@Benchmark
	public Object simpleKeyStringIntLong() {
		return SimpleKeyGenerator.generateKey(this.stringIntLongs[index()]);
	}

	@Benchmark
	public CacheKey duocacheRecord() {
		return this.oneArgument.keyFor(this.records[index()]);
	}

	@Benchmark
	public Object simpleKeyRecord() {
		return SimpleKeyGenerator.generateKey(this.records[index()]);
	}

}
