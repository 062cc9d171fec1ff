package io.duocache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@code @Cacheable} on methods returning a {@code CompletableFuture}, a {@code Mono} and a
 * {@code Flux}, all naming one cache of a Duocache manager: each value is cached once and read back
 * as the type its method declares (the data manager's copies of a {@code Flux<Long>}'s list stay
 * longs), whichever subscriber came first.
 */
class ReactiveCacheableWithDuocacheTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest
	@ValueSource(classes = { DataCounters.class, ResourceCounters.class })
	void computesEachKindOnceAndServesItsValueAfterwards(Class<? extends Counters> type) {
		Counters counters = start(type);
		Object key = "future";
		Long fromFuture = counters.future(key).join();
		assertThat(counters.future(key).join()).isEqualTo(fromFuture);
		assertThat(counters.future(key).join()).isEqualTo(fromFuture);

		key = "mono";
		Long fromMono = counters.mono(key).block(WAIT);
		assertThat(counters.mono(key).block(WAIT)).isEqualTo(fromMono).isInstanceOf(Long.class);
		assertThat(counters.mono(key).block(WAIT)).isEqualTo(fromMono);

		key = "flux";
		List<Long> fromFlux = counters.flux(key).collectList().block(WAIT);
		assertThat(fromFlux).hasSize(5);
		assertThat(counters.flux(key).collectList().block(WAIT)).isEqualTo(fromFlux)
			.allSatisfy((element) -> assertThat(element).isInstanceOf(Long.class));
		assertThat(counters.flux(key).blockFirst(WAIT)).isEqualTo(fromFlux.get(0));

		assertThat(counters.calls()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(classes = { DataCounters.class, ResourceCounters.class })
	void aFluxReadsTheValueAMonoCachedUnderTheSameKey(Class<? extends Counters> type) {
		Counters counters = start(type);
		Long fromMono = counters.mono("shared").block(WAIT);
		assertThat(counters.flux("shared").collectList().block(WAIT)).containsExactly(fromMono);
		assertThat(counters.calls()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(classes = { DataCounters.class, ResourceCounters.class })
	void aFluxIsCachedWholeEvenWhenItsFirstSubscriberTookPart(Class<? extends Counters> type) {
		Counters counters = start(type);
		List<Long> one = counters.flux("partial").take(1, true).collectList().block(WAIT);
		Long first = one.get(0);
		assertThat(counters.flux("partial").take(3, true).collectList().block(WAIT)).containsExactly(first, 0L, -1L);
		assertThat(counters.flux("partial").collectList().block(WAIT)).containsExactly(first, 0L, -1L, -2L, -3L);
		assertThat(counters.calls()).isEqualTo(1);
	}

	private Counters start(Class<? extends Counters> type) {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(App.class, type);
		this.context.refresh();
		return this.context.getBean(type);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@Import(DuocacheConfiguration.class)
	static class App {

		@Bean
		org.springframework.cache.CacheManager cacheManager() {
			return new org.springframework.cache.concurrent.ConcurrentMapCacheManager();
		}

	}

	/**
	 * What the cached methods do, counting from 100 so that no cached {@code Long} is one the JVM
	 * shares; each subclass declares them for its manager, since {@code @CacheConfig} applies to the
	 * methods a class declares.
	 */
	abstract static class Counters {

		private final AtomicLong counter = new AtomicLong(100);

		private final AtomicLong calls = new AtomicLong();

		abstract CompletableFuture<Long> future(Object key);

		abstract Mono<Long> mono(Object key);

		abstract Flux<Long> flux(Object key);

		CompletableFuture<Long> nextFuture() {
			this.calls.incrementAndGet();
			return CompletableFuture.completedFuture(this.counter.getAndIncrement());
		}

		Mono<Long> nextMono() {
			return Mono.defer(() -> {
				this.calls.incrementAndGet();
				return Mono.just(this.counter.getAndIncrement());
			});
		}

		Flux<Long> nextFlux() {
			return Flux.defer(() -> {
				this.calls.incrementAndGet();
				return Flux.just(this.counter.getAndIncrement(), 0L, -1L, -2L, -3L);
			});
		}

		long calls() {
			return this.calls.get();
		}

	}

	@CacheConfig(cacheNames = "first", cacheManager = "cacheDataManager")
	static class DataCounters extends Counters {

		@Override
		@Cacheable
		public CompletableFuture<Long> future(Object key) {
			return nextFuture();
		}

		@Override
		@Cacheable
		public Mono<Long> mono(Object key) {
			return nextMono();
		}

		@Override
		@Cacheable
		public Flux<Long> flux(Object key) {
			return nextFlux();
		}

	}

	@CacheConfig(cacheNames = "first", cacheManager = "cacheResourceManager")
	static class ResourceCounters extends Counters {

		@Override
		@Cacheable
		public CompletableFuture<Long> future(Object key) {
			return nextFuture();
		}

		@Override
		@Cacheable
		public Mono<Long> mono(Object key) {
			return nextMono();
		}

		@Override
		@Cacheable
		public Flux<Long> flux(Object key) {
			return nextFlux();
		}

	}

}
