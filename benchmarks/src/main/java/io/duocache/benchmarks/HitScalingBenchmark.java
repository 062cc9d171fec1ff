package io.duocache.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * Resource-hit throughput, run with one and with two threads ({@code -t 1}, {@code -t 2}) to see
 * how hits scale.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class HitScalingBenchmark {

	private static final int KEYS = 1024;

	private final String[] strings = new String[KEYS];

	private AnnotationConfigApplicationContext context;

	private Services.Resources duocache;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = Contexts.start();
		this.duocache = this.context.getBean(Services.Resources.class);
		for (int i = 0; i < KEYS; i++) {
			this.strings[i] = "key-" + i;
			this.duocache.string(this.strings[i]);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@State(Scope.Thread)
	public static class Cursor {

		int next = (int) Thread.currentThread().getId() * 97;

		int index() {
			return (this.next++) & (KEYS - 1);
		}

	}

	@Benchmark
	public Object resourceHit(Cursor cursor) {
		return this.duocache.string(this.strings[cursor.index()]);
	}

}
