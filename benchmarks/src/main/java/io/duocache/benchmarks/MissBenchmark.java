package io.duocache.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.ObjectWriter;

import io.duocache.config.CacheSettings;
import io.duocache.data.DataCache;
import io.duocache.data.DataCodec;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

/**
 * The miss path of a data cache (store the computed value, hand back the original) against the
 * Smile serialization it cannot avoid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MissBenchmark {

	private final DataCodec codec = new DataCodec(List.of());

	private final Payloads.Person person = Payloads.person(1);

	private final ObjectWriter writer = this.codec.mapper().writerFor(Payloads.Person.class);

	private final DataCache cache = new DataCache("miss", CacheSettings.UNSET, this.codec,
			this.codec.mapper().constructType(Payloads.Person.class), "MissBenchmark.person", EntryStore.NONE);

	private final CacheKey key = new CacheKey(0, 1);

	@Benchmark
	public Object duocacheMiss() throws Throwable {
		this.cache.invalidate(this.key);
		return this.cache.get(this.key, () -> this.person);
	}

	@Benchmark
	public byte[] smileWrite() {
		return this.writer.writeValueAsBytes(this.person);
	}

}
