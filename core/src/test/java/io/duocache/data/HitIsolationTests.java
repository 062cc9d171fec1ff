package io.duocache.data;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a caller does to every mutable part of a hit's value never reaches the cache or another
 * caller, for each shape a copy plan handles and for shapes that go through Smile.
 */
class HitIsolationTests {

	private static final DataCodec codec = new DataCodec(List.of());

	private static final TypeFactory types = codec.mapper().getTypeFactory();

	static Stream<Arguments> shapes() {
		return Stream.of(
				shape("records of immutables", types.constructCollectionType(List.class, Ride.class), true,
						() -> new ArrayList<>(List.of(Ride.of(1), Ride.of(2), Ride.of(3)))),
				shape("a record holding a mutable list", types.constructType(Basket.class), true,
						() -> new Basket("ann", new ArrayList<>(List.of("tea", "milk")))),
				shape("POJOs with setters", types.constructType(Order.class), true, Order::sample),
				shape("maps of lists", types.constructMapType(Map.class, types.constructType(String.class),
						types.constructCollectionType(List.class, Integer.class)), true, () -> {
							Map<String, List<Integer>> map = new LinkedHashMap<>();
							map.put("a", new ArrayList<>(List.of(1, 2)));
							map.put("b", new ArrayList<>(List.of(3)));
							return map;
						}),
				shape("arrays", types.constructType(Line[][].class), true,
						() -> new Line[][] { { Line.of("x", 1) }, { Line.of("y", 2), null } }),
				shape("nested generics", types.constructParametricType(Page.class, Ride.class), true,
						() -> new Page<>(new ArrayList<>(List.of(Ride.of(4), Ride.of(5))), new LinkedHashMap<>(
								Map.of("first", new ArrayList<>(List.of(Ride.of(6))))))),
				shape("a final class with a mutable array field", types.constructType(Histogram.class), true,
						() -> new Histogram(new int[] { 1, 2, 3 })),
				shape("a record with an Object component", types.constructType(Tagged.class), false,
						() -> new Tagged("t", new ArrayList<>(List.of("a", "b")))));
	}

	private static Arguments shape(String name, JavaType type, boolean planned, Supplier<Object> value) {
		return Arguments.of(name, type, planned, value);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void mutatingEveryPartOfAHitLeavesTheNextHitPristine(String name, JavaType type, boolean planned,
			Supplier<Object> value) throws Throwable {
		assertThat(Copiers.forType(type, types) != null).as("has a copy plan").isEqualTo(planned);
		DataCache cache = new DataCache("test", CacheSettings.UNSET, codec, type, "Test.method", EntryStore.NONE);
		CacheKey key = new CacheKey(1, 2);
		byte[] pristine = codec.mapper().writeValueAsBytes(value.get());
		Object computed = cache.get(key, value::get);
		mutateEverything(computed);
		for (int round = 0; round < 3; round++) {
			Object hit = cache.get(key, () -> null);
			assertThat(codec.mapper().writeValueAsBytes(hit)).as("hit %d", round).isEqualTo(pristine);
			assertThat(hit).isNotSameAs(computed);
			mutateEverything(hit);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void eightThreadsMutatingTheirHitsSeeNoLeak(String name, JavaType type, boolean planned,
			Supplier<Object> value) throws Exception {
		DataCache cache = new DataCache("test", CacheSettings.UNSET, codec, type, "Test.method", EntryStore.NONE);
		CacheKey key = new CacheKey(3, 4);
		byte[] pristine = codec.mapper().writeValueAsBytes(value.get());
		AtomicInteger leaks = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				tasks.add(() -> {
					try {
						hitAndMutate(cache, key, value, pristine, leaks);
					}
					catch (Throwable ex) {
						throw new AssertionError(ex);
					}
					return null;
				});
			}
			for (Future<Void> done : threads.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(leaks).hasValue(0);
	}

	private static void hitAndMutate(DataCache cache, CacheKey key, Supplier<Object> value, byte[] pristine,
			AtomicInteger leaks) throws Throwable {
		for (int i = 0; i < 500; i++) {
			Object hit = cache.get(key, value::get);
			if (!java.util.Arrays.equals(codec.mapper().writeValueAsBytes(hit), pristine)) {
				leaks.incrementAndGet();
			}
			mutateEverything(hit);
		}
	}

	@org.junit.jupiter.api.Test
	void aListOfImmutableRecordsIsANewListOfTheSameRecords() throws Throwable {
		DataCache cache = new DataCache("test", CacheSettings.UNSET, codec,
				types.constructCollectionType(List.class, Ride.class), "Test.method", EntryStore.NONE);
		CacheKey key = new CacheKey(5, 6);
		cache.get(key, () -> new ArrayList<>(List.of(Ride.of(1), Ride.of(2))));
		List<?> first = (List<?>) cache.get(key, () -> null);
		List<?> second = (List<?>) cache.get(key, () -> null);
		assertThat(second).isNotSameAs(first).isInstanceOf(ArrayList.class);
		assertThat(second.get(0)).isSameAs(first.get(0));
	}

	/** Clears, nulls and zeroes every mutable thing reachable from the value, deepest first. */
	static void mutateEverything(Object value) {
		mutate(value, new IdentityHashMap<>());
	}

	private static void mutate(Object value, Map<Object, Boolean> seen) {
		if (value == null || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		Class<?> type = value.getClass();
		if (type.isArray()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				if (!type.getComponentType().isPrimitive()) {
					mutate(Array.get(value, i), seen);
					Array.set(value, i, null);
				}
				else {
					Array.set(value, i, (type.getComponentType() == boolean.class) ? false : (Object) (byte) 9);
				}
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((element) -> mutate(element, seen));
			ignoringUnsupported(map::clear);
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> mutate(element, seen));
			if (value instanceof List<?> list && list.size() > 1) {
				ignoringUnsupported(() -> java.util.Collections.reverse(list));
			}
			ignoringUnsupported(collection::clear);
			return;
		}
		if (type.getName().startsWith("java.")) {
			return;
		}
		for (Class<?> current = type; current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || !field.trySetAccessible()) {
					continue;
				}
				try {
					mutate(field.get(value), seen);
					if (!type.isRecord() && !field.getType().isPrimitive()) {
						field.set(value, null);
					}
					else if (!type.isRecord() && field.getType() == int.class) {
						field.setInt(value, -1);
					}
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private static void ignoringUnsupported(Runnable mutation) {
		try {
			mutation.run();
		}
		catch (UnsupportedOperationException ex) {
			// A JDK immutable collection: nothing to mutate.
		}
	}

	enum Kind {

		SHORT, LONG

	}

	record Ride(String id, int minutes, double fare, Instant at, Kind kind) {

		static Ride of(int id) {
			return new Ride("r" + id, id * 3, id * 1.5, Instant.ofEpochSecond(1_700_000_000L + id),
					(id % 2 == 0) ? Kind.SHORT : Kind.LONG);
		}

	}

	record Basket(String owner, List<String> items) {
	}

	record Tagged(String name, Object payload) {
	}

	record Page<T>(List<T> items, Map<String, List<T>> groups) {
	}

	static final class Histogram {

		private final int[] counts;

		private Histogram() {
			this.counts = null;
		}

		Histogram(int[] counts) {
			this.counts = counts;
		}

	}

	static class Line {

		private String sku;

		private int quantity;

		static Line of(String sku, int quantity) {
			Line line = new Line();
			line.setSku(sku);
			line.setQuantity(quantity);
			return line;
		}

		public void setSku(String sku) {
			this.sku = sku;
		}

		public void setQuantity(int quantity) {
			this.quantity = quantity;
		}

	}

	static class Order {

		private String id;

		private List<Line> lines;

		private Map<String, Integer> counts;

		private int[] scores;

		private Ride ride;

		static Order sample() {
			Order order = new Order();
			order.setId("o1");
			order.setLines(new ArrayList<>(List.of(Line.of("a", 1), Line.of("b", 2))));
			order.setCounts(new LinkedHashMap<>(Map.of("a", 1)));
			order.setScores(new int[] { 7, 8 });
			order.setRide(Ride.of(9));
			return order;
		}

		public void setId(String id) {
			this.id = id;
		}

		public void setLines(List<Line> lines) {
			this.lines = lines;
		}

		public void setCounts(Map<String, Integer> counts) {
			this.counts = counts;
		}

		public void setScores(int[] scores) {
			this.scores = scores;
		}

		public void setRide(Ride ride) {
			this.ride = ride;
		}

	}

}
