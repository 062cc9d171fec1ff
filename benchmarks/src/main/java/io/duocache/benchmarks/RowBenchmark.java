package io.duocache.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.DuocacheConfiguration;
import io.duocache.data.DataCodec;

/**
 * Row-shaped data, the sample app's rides: a {@code List} of records (immutable rows) or of
 * mutable objects with setters. Duocache's hit and its miss next to the floors and peers of the
 * same run: a fresh {@code ArrayList} of the same rows, a bare Smile read and write with Duocache's
 * own mapper, and a Java-serialization copy (what store-by-value caches do). Python's pickle of the
 * same rows is measured by {@code pickle_rows.py}. The "computation" is a new list of prepared rows,
 * so a miss minus {@link #computeOnly} is what storing and checking a value costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class RowBenchmark {

	@Param({ "200000", "2000000" })
	public int rows;

	@Param({ "record", "pojo" })
	public String shape;

	private AnnotationConfigApplicationContext context;

	private Rides rides;

	private CacheDataManager manager;

	private List<?> prepared;

	private ObjectWriter writer;

	private ObjectReader reader;

	private byte[] smile;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(DuocacheConfiguration.class);
		this.context.registerBean(Rides.class);
		this.context.refresh();
		this.rides = this.context.getBean(Rides.class);
		this.rides.prepare(this.rows);
		this.manager = this.context.getBean(CacheDataManager.class);
		this.prepared = call();
		ObjectMapper mapper = new DataCodec(List.of()).mapper();
		Class<?> row = "record".equals(this.shape) ? RideRow.class : MutableRide.class;
		this.writer = mapper.writerFor(mapper.getTypeFactory().constructCollectionType(List.class, row));
		this.reader = mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, row));
		this.smile = this.writer.writeValueAsBytes(this.prepared);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	private List<?> call() {
		return "record".equals(this.shape) ? this.rides.records() : this.rides.pojos();
	}

	@Benchmark
	public Object duocacheHit() {
		return call();
	}

	@Benchmark
	public Object duocacheMiss() {
		this.manager.clear("record".equals(this.shape) ? "Rides.records" : "Rides.pojos");
		return call();
	}

	@Benchmark
	public Object computeOnly() {
		return this.rides.compute(this.shape);
	}

	@Benchmark
	public Object arrayListCopy() {
		return new ArrayList<>(this.prepared);
	}

	@Benchmark
	public Object smileRead() {
		return this.reader.readValue(this.smile);
	}

	@Benchmark
	public Object smileWrite() {
		return this.writer.writeValueAsBytes(this.prepared);
	}

	@Benchmark
	public Object javaSerializationCopy() throws IOException, ClassNotFoundException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(this.prepared);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return in.readObject();
		}
	}

	/** The cached service: each "computation" hands out a new list of the prepared rows. */
	public static class Rides {

		List<RideRow> recordRows = List.of();

		List<MutableRide> pojoRows = List.of();

		void prepare(int count) {
			SplittableRandom random = new SplittableRandom(42);
			String[] bases = { "B02512", "B02598", "B02617", "B02682", "B02764" };
			LocalDateTime start = LocalDateTime.of(2014, 4, 1, 0, 0);
			List<RideRow> records = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				records.add(new RideRow(start.plusSeconds(random.nextInt(30 * 86_400)),
						40.5 + random.nextDouble() * 0.5, -74.2 + random.nextDouble() * 0.5,
						bases[random.nextInt(bases.length)]));
			}
			this.recordRows = records;
			this.pojoRows = records.stream().map(MutableRide::of).toList();
		}

		/** What the cached methods compute, not cached. */
		public List<?> compute(String shape) {
			return "record".equals(shape) ? new ArrayList<>(this.recordRows) : MutableRide.copyAll(this.pojoRows);
		}

		@CacheData
		public List<RideRow> records() {
			return new ArrayList<>(this.recordRows);
		}

		@CacheData
		public List<MutableRide> pojos() {
			return MutableRide.copyAll(this.pojoRows);
		}

	}

	/** One pickup, the sample app's {@code Ride}. */
	public record RideRow(LocalDateTime pickedUpAt, double lat, double lon, String base) implements Serializable {
	}

	/** The same row as a mutable object with setters. */
	public static class MutableRide implements Serializable {

		private LocalDateTime pickedUpAt;

		private double lat;

		private double lon;

		private String base;

		static MutableRide of(RideRow row) {
			MutableRide ride = new MutableRide();
			ride.setPickedUpAt(row.pickedUpAt());
			ride.setLat(row.lat());
			ride.setLon(row.lon());
			ride.setBase(row.base());
			return ride;
		}

		static List<MutableRide> copyAll(List<MutableRide> rides) {
			List<MutableRide> copy = new ArrayList<>(rides.size());
			for (MutableRide ride : rides) {
				MutableRide fresh = new MutableRide();
				fresh.setPickedUpAt(ride.pickedUpAt);
				fresh.setLat(ride.lat);
				fresh.setLon(ride.lon);
				fresh.setBase(ride.base);
				copy.add(fresh);
			}
			return copy;
		}

		public void setPickedUpAt(LocalDateTime pickedUpAt) {
			this.pickedUpAt = pickedUpAt;
		}

		public void setLat(double lat) {
			this.lat = lat;
		}

		public void setLon(double lon) {
			this.lon = lon;
		}

		public void setBase(String base) {
			this.base = base;
		}

	}

}
