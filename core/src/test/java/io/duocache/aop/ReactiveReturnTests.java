package io.duocache.aop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.DuocacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveReturnTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	private final Catalog catalog = this.context.getBean(Catalog.class);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void cachesTheValueAMonoEmits() {
		StepVerifier.create(this.catalog.titles("a")).expectNext(new ArrayList<>(List.of("a1", "a2"))).verifyComplete();
		StepVerifier.create(this.catalog.titles("a")).expectNext(List.of("a1", "a2")).verifyComplete();
		assertThat(this.catalog.subscriptions()).isEqualTo(1);
	}

	@Test
	void givesEverySubscriberOfADataMonoItsOwnCopy() {
		Mono<List<String>> titles = this.catalog.titles("b");
		List<String> first = titles.block(WAIT);
		first.clear();
		List<String> second = titles.block(WAIT);
		assertThat(second).containsExactly("b1", "b2").isNotSameAs(first);
		assertThat(this.catalog.titles("b").block(WAIT)).containsExactly("b1", "b2");
		assertThat(this.catalog.subscriptions()).isEqualTo(1);
	}

	@Test
	void cachesAnEmptyMonoAsAValue() {
		StepVerifier.create(this.catalog.nothing()).verifyComplete();
		StepVerifier.create(this.catalog.nothing()).verifyComplete();
		assertThat(this.catalog.subscriptions()).isEqualTo(1);
	}

	@Test
	void doesNotCacheAnError() {
		StepVerifier.create(this.catalog.failing()).verifyErrorMessage("no catalog");
		StepVerifier.create(this.catalog.failing()).verifyErrorMessage("no catalog");
		assertThat(this.catalog.subscriptions()).isEqualTo(2);
	}

	@Test
	void cachesTheElementsOfAFluxAndReplaysThem() {
		StepVerifier.create(this.catalog.authors()).expectNext("ann", "bob").verifyComplete();
		StepVerifier.create(this.catalog.authors()).expectNext("ann", "bob").verifyComplete();
		assertThat(this.catalog.subscriptions()).isEqualTo(1);
	}

	@Test
	void eightConcurrentSubscribersShareOneSubscriptionUpstream() throws InterruptedException {
		List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
		CountDownLatch done = new CountDownLatch(8);
		for (int i = 0; i < 8; i++) {
			this.catalog.slow().subscribe((value) -> {
				got.add(value);
				done.countDown();
			});
		}
		assertThat(this.catalog.slowSubscriptions()).isEqualTo(1);
		this.catalog.release("done");
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(got).hasSize(8).containsOnly("done");
		assertThat(this.catalog.slowSubscriptions()).isEqualTo(1);
	}

	@Test
	void aCancelledSubscriberDoesNotCancelTheComputationForTheOthers() {
		StepVerifier.create(this.catalog.slow()).thenCancel().verify(WAIT);
		StepVerifier.create(this.catalog.slow())
			.then(() -> this.catalog.release("done"))
			.expectNext("done")
			.verifyComplete();
		assertThat(this.catalog.slowSubscriptions()).isEqualTo(1);
	}

	@Test
	void sharesOneResourceFromAMono() {
		Pool first = this.catalog.pool().block(WAIT);
		assertThat(this.catalog.pool().block(WAIT)).isSameAs(first);
	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class Config {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

	static class Catalog {

		private final AtomicInteger subscriptions = new AtomicInteger();

		private final AtomicInteger slowSubscriptions = new AtomicInteger();

		private final Sinks.One<String> release = Sinks.one();

		public int subscriptions() {
			return this.subscriptions.get();
		}

		public int slowSubscriptions() {
			return this.slowSubscriptions.get();
		}

		public void release(String value) {
			this.release.tryEmitValue(value);
		}

		@CacheData
		public Mono<List<String>> titles(String shelf) {
			return Mono.<List<String>>fromSupplier(() -> new ArrayList<>(List.of(shelf + "1", shelf + "2")))
				.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet());
		}

		@CacheData
		public Mono<String> nothing() {
			return Mono.<String>empty().doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet());
		}

		@CacheData
		public Mono<String> failing() {
			return Mono.<String>error(new IllegalStateException("no catalog"))
				.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet());
		}

		@CacheData
		public Flux<String> authors() {
			return Flux.just("ann", "bob").doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet());
		}

		@CacheData
		public Mono<String> slow() {
			return this.release.asMono().doOnSubscribe((subscription) -> this.slowSubscriptions.incrementAndGet());
		}

		@CacheResource
		public Mono<Pool> pool() {
			return Mono.fromSupplier(Pool::new);
		}

	}

	static class Pool {

	}

}
