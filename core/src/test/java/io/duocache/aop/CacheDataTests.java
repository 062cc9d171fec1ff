package io.duocache.aop;

import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.CacheInfo;
import io.duocache.Exclude;
import io.duocache.UnserializableReturnValueException;
import io.duocache.DuocacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CacheDataTests {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	private final RideService rides = this.context.getBean("rideService", RideService.class);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void returnsAFreshCopyOnEveryHit() {
		List<Ride> first = this.rides.load("nyc");
		List<Ride> second = this.rides.load("nyc");
		assertThat(second).isEqualTo(first).isNotSameAs(first);
		assertThat(second.get(0)).isNotSameAs(first.get(0));
		assertThat(this.rides.computations()).isEqualTo(1);
	}

	@Test
	void keepsTheCacheIntactWhenTheComputingCallerMutatesItsValue() {
		List<Ride> computed = this.rides.load("nyc");
		computed.clear();
		assertThat(this.rides.load("nyc")).hasSize(3);
	}

	@Test
	void neverLeaksMutationsBetweenConcurrentCallers() throws Exception {
		this.rides.load("nyc");
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> mutators = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				int id = i;
				mutators.add(executor.submit(() -> {
					List<Ride> copy = this.rides.load("nyc");
					boolean intact = copy.size() == 3 && copy.get(0).getBase().equals("B0");
					copy.get(0).setBase("mutated-" + id);
					copy.add(new Ride(id, "extra"));
					return intact;
				}));
			}
			for (Future<Boolean> mutator : mutators) {
				assertThat(mutator.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.rides.load("nyc")).hasSize(3).first().extracting(Ride::getBase).isEqualTo("B0");
		assertThat(this.rides.computations()).isEqualTo(1);
	}

	@Test
	void copiesPrivateFieldsThatHaveNoGetters() {
		Secretive first = this.rides.secretive();
		Secretive second = this.rides.secretive();
		assertThat(second).isNotSameAs(first);
		assertThat(second.reveal()).isEqualTo("hidden");
	}

	@Test
	void returnsDeeplyImmutableValuesWithoutACopy() {
		Summary first = this.rides.summary("nyc");
		assertThat(this.rides.summary("nyc")).isSameAs(first);
		assertThat(this.rides.name(1)).isSameAs(this.rides.name(1));
	}

	@Test
	void keepsTheZoneOfDateTimes() {
		ZonedDateTime first = this.rides.pickup();
		assertThat(this.rides.pickup()).isEqualTo(first);
		assertThat(first.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
	}

	@Test
	void copiesLargePrimitiveArrays() {
		double[] first = this.rides.column(1_000_000);
		double[] second = this.rides.column(1_000_000);
		assertThat(second).isNotSameAs(first).isEqualTo(first);
		CacheInfo info = this.context.getBean(CacheDataManager.class).info("RideService.column");
		assertThat(info.bytes()).isBetween(8_000_000L, 8_000_100L);
	}

	@Test
	void cachesNullAndEmptyOptional() {
		assertThat(this.rides.nothing()).isNull();
		assertThat(this.rides.nothing()).isNull();
		assertThat(this.rides.empty()).isEmpty();
		assertThat(this.rides.empty()).isEmpty();
		assertThat(this.rides.computations()).isEqualTo(2);
	}

	@Test
	void leavesExcludedAndUnderscoredParametersOutOfTheKey() {
		this.rides.withContext("nyc", new Object(), new Object());
		this.rides.withContext("nyc", new Object(), new Object());
		assertThat(this.rides.computations()).isEqualTo(1);
	}

	@Test
	void keysOnArgumentValues() {
		this.rides.load("nyc");
		this.rides.load(new String("nyc"));
		this.rides.load("sf");
		assertThat(this.rides.computations()).isEqualTo(2);
	}

	@Test
	void neverSharesEntriesBetweenTwoBeansOfOneClass() {
		RideService other = this.context.getBean("otherRideService", RideService.class);
		this.rides.load("nyc");
		other.load("nyc");
		assertThat(this.rides.computations()).isEqualTo(1);
		assertThat(other.computations()).isEqualTo(1);
	}

	@Test
	void finishesAMemoisedRecursionThroughSelfInjection() {
		assertThat(this.context.getBean(Fibonacci.class).fib(90)).isEqualTo(2880067194370816120L);
	}

	@Test
	void cachesTheValueOfACompletableFuture() throws Exception {
		CompletableFuture<List<Ride>> first = this.rides.loadAsync("nyc");
		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(3);
		List<Ride> second = this.rides.loadAsync("nyc").get(10, TimeUnit.SECONDS);
		second.clear();
		assertThat(this.rides.loadAsync("nyc").get(10, TimeUnit.SECONDS)).hasSize(3);
		assertThat(this.rides.computations()).isEqualTo(1);
	}

	@Test
	void refusesAValueThatWouldComeBackAsAnotherType() {
		assertThatExceptionOfType(UnserializableReturnValueException.class).isThrownBy(this.rides::lossy)
			.withMessageContaining("io.duocache.aop.CacheDataTests$Holder")
			.withMessageContaining("'RideService.lossy'")
			.withMessageContaining("@CacheResource");
		assertThatExceptionOfType(UnserializableReturnValueException.class).isThrownBy(this.rides::lossy);
		assertThat(this.rides.computations()).isEqualTo(2);
	}

	@Test
	void clearsEverythingOneCacheOrOneEntry() {
		CacheDataManager manager = this.context.getBean(CacheDataManager.class);
		this.rides.load("nyc");
		this.rides.load("sf");
		manager.clear("RideService.load", "nyc");
		this.rides.load("sf");
		this.rides.load("nyc");
		assertThat(this.rides.computations()).isEqualTo(3);
		manager.clear("RideService.load");
		this.rides.load("sf");
		assertThat(this.rides.computations()).isEqualTo(4);
		manager.clear();
		this.rides.load("sf");
		assertThat(this.rides.computations()).isEqualTo(5);
	}

	@Test
	void describesEachCache() {
		this.rides.load("nyc");
		this.rides.load("nyc");
		this.rides.load("nyc");
		CacheInfo info = this.context.getBean(CacheDataManager.class).info("RideService.load");
		assertThat(info.tier()).isEqualTo("data");
		assertThat(info.method()).isEqualTo("RideService.load");
		assertThat(info.codeHash()).hasSize(32);
		assertThat(info.misses()).isEqualTo(1);
		assertThat(info.hits()).isEqualTo(2);
		assertThat(info.puts()).isEqualTo(1);
		assertThat(info.entries()).isEqualTo(1);
		assertThat(info.bytes()).isPositive();
		assertThat(info.persist()).isEqualTo("none");
	}

	@Test
	void givesSpringCacheableCopyOnReadThroughTheManager() {
		Catalog catalog = this.context.getBean(Catalog.class);
		List<String> first = catalog.titles();
		first.add("mutated");
		assertThat(catalog.titles()).containsExactly("a", "b");
		assertThat(catalog.computations()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	@EnableCaching
	static class Config {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

		@Bean
		RideService rideService() {
			return new RideService();
		}

		@Bean
		RideService otherRideService() {
			return new RideService();
		}

		@Bean
		Fibonacci fibonacci() {
			return new Fibonacci();
		}

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

	static class RideService {

		private final AtomicInteger computations = new AtomicInteger();

		int computations() {
			return this.computations.get();
		}

		@CacheData
		public List<Ride> load(String city) {
			this.computations.incrementAndGet();
			List<Ride> rides = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				rides.add(new Ride(i, "B" + i));
			}
			return rides;
		}

		@CacheData
		public CompletableFuture<List<Ride>> loadAsync(String city) {
			return CompletableFuture.supplyAsync(() -> load(city));
		}

		@CacheData
		public List<Ride> withContext(String city, @Exclude Object connection, Object _session) {
			return load(city);
		}

		@CacheData
		public Secretive secretive() {
			return new Secretive("hidden");
		}

		@CacheData
		public Summary summary(String city) {
			return new Summary(city, 3, List.of("B0", "B1"));
		}

		@CacheData
		public String name(int id) {
			return new String("name-" + id);
		}

		@CacheData
		public ZonedDateTime pickup() {
			return ZonedDateTime.of(2024, 5, 1, 10, 30, 0, 0, ZoneId.of("Europe/Berlin"));
		}

		@CacheData
		public double[] column(int size) {
			double[] values = new double[size];
			for (int i = 0; i < size; i++) {
				values[i] = i * 0.5;
			}
			return values;
		}

		@CacheData
		public Object nothing() {
			this.computations.incrementAndGet();
			return null;
		}

		@CacheData
		public Optional<String> empty() {
			this.computations.incrementAndGet();
			return Optional.empty();
		}

		@CacheData
		public Holder lossy() {
			this.computations.incrementAndGet();
			return new Holder(new Ride(1, "B1"));
		}

	}

	static class Fibonacci {

		@Autowired
		@Lazy
		private Fibonacci self;

		@CacheData
		public long fib(int n) {
			return (n < 2) ? n : this.self.fib(n - 1) + this.self.fib(n - 2);
		}

	}

	static class Catalog {

		private final AtomicInteger computations = new AtomicInteger();

		int computations() {
			return this.computations.get();
		}

		@Cacheable(cacheNames = "titles", cacheManager = "cacheDataManager")
		public List<String> titles() {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of("a", "b"));
		}

	}

	static class Ride {

		private int id;

		private String base;

		Ride() {
		}

		Ride(int id, String base) {
			this.id = id;
			this.base = base;
		}

		String getBase() {
			return this.base;
		}

		void setBase(String base) {
			this.base = base;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Ride ride && ride.id == this.id && ride.base.equals(this.base);
		}

		@Override
		public int hashCode() {
			return this.id;
		}

	}

	static final class Secretive {

		private final String secret;

		private Secretive() {
			this.secret = null;
		}

		Secretive(String secret) {
			this.secret = secret;
		}

		String reveal() {
			return this.secret;
		}

	}

	record Summary(String city, int rides, List<String> bases) {
	}

	static class Holder {

		private Object payload;

		Holder() {
		}

		Holder(Object payload) {
			this.payload = payload;
		}

	}


}
