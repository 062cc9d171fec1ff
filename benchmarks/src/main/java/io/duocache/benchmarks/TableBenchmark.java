package io.duocache.benchmarks;

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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.CacheDataManager;

/**
 * A large numeric table (four primitive columns) cached as data: the hit, the first run (compute and
 * store) against the computation alone, and cloning the four columns as the bandwidth floor. The
 * same shape is measured with Python's pickle by {@code pickle_table.py}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class TableBenchmark {

	@Param("10000000")
	public int rows;

	private AnnotationConfigApplicationContext context;

	private Services.Data duocache;

	private CacheDataManager manager;

	private Payloads.Table table;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = Contexts.start();
		this.duocache = this.context.getBean(Services.Data.class);
		this.manager = this.context.getBean(CacheDataManager.class);
		this.table = this.duocache.table(this.rows);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public Object duocacheHit() {
		return this.duocache.table(this.rows);
	}

	@Benchmark
	public Object cloneColumns() {
		Payloads.Table copy = new Payloads.Table();
		copy.lat = this.table.lat.clone();
		copy.lon = this.table.lon.clone();
		copy.time = this.table.time.clone();
		copy.base = this.table.base.clone();
		return copy;
	}

	@Benchmark
	public Object computeOnly() {
		return Payloads.table(this.rows);
	}

	@Benchmark
	public Object duocacheFirstRun() {
		this.manager.clear("Data.table");
		return this.duocache.table(this.rows);
	}

}
