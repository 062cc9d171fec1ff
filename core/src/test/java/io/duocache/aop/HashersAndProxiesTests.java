package io.duocache.aop;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.duocache.CacheData;
import io.duocache.ParamHasher;
import io.duocache.UnhashableParamException;
import io.duocache.DuocacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HashersAndProxiesTests {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void hashesArgumentsWithAParamHasherBean() {
		Scores scores = this.context.getBean(Scores.class);
		scores.multiply(new Score(3));
		scores.multiply(new Score(3));
		scores.multiply(new Score(4));
		assertThat(scores.computations()).isEqualTo(2);
	}

	@Test
	void prefersTheHasherNamedOnTheAnnotationAndCreatesItThroughTheBeanFactory() {
		Scores scores = this.context.getBean(Scores.class);
		scores.coarse(new Score(3));
		scores.coarse(new Score(4));
		assertThat(scores.computations()).isEqualTo(1);
		assertThat(this.context.getBean(Granularity.class).uses()).isEqualTo(2);
	}

	@Test
	void refusesAnArgumentWithNoHasherBeforeTheMethodRuns() {
		Scores scores = this.context.getBean(Scores.class);
		assertThatExceptionOfType(UnhashableParamException.class).isThrownBy(() -> scores.unknown(new Unknown()))
			.withMessageContaining("Cannot hash argument 'value' (of type " + Unknown.class.getName()
					+ ") in 'Scores.unknown'");
		assertThat(scores.computations()).isZero();
	}

	@Test
	void cachesEveryPublicMethodOfAnAnnotatedClass() {
		Annotated annotated = this.context.getBean(Annotated.class);
		annotated.first();
		annotated.first();
		annotated.second();
		annotated.second();
		assertThat(annotated.computations()).isEqualTo(2);
	}

	@Test
	void joinsAProxyThatAnotherAutoProxyCreatorAlreadyMade() {
		Mixed mixed = this.context.getBean(Mixed.class);
		assertThat(AopUtils.isAopProxy(mixed)).isTrue();
		mixed.springCached();
		mixed.springCached();
		mixed.duocached().add("mutated");
		assertThat(mixed.duocached()).containsExactly("a");
		assertThat(mixed.computations()).isEqualTo(2);
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
		ParamHasher<Score> scoreHasher() {
			return (score) -> score.value;
		}

		@Bean
		Granularity granularity() {
			return new Granularity();
		}

		@Bean
		Scores scores() {
			return new Scores();
		}

		@Bean
		Annotated annotated() {
			return new Annotated();
		}

		@Bean
		Mixed mixed() {
			return new Mixed();
		}

	}

	static class Scores {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData
		public int multiply(Score score) {
			return this.computations.incrementAndGet() * score.value;
		}

		@CacheData(hashers = CoarseScoreHasher.class)
		public int coarse(Score score) {
			return this.computations.incrementAndGet();
		}

		@CacheData
		public int unknown(Unknown value) {
			return this.computations.incrementAndGet();
		}

		int computations() {
			return this.computations.get();
		}

	}

	@CacheData
	static class Annotated {

		private final AtomicInteger computations = new AtomicInteger();

		public String first() {
			this.computations.incrementAndGet();
			return "first";
		}

		public String second() {
			this.computations.incrementAndGet();
			return "second";
		}

		int computations() {
			return this.computations.get();
		}

	}

	static class Mixed {

		private final AtomicInteger computations = new AtomicInteger();

		@Cacheable("spring")
		public String springCached() {
			this.computations.incrementAndGet();
			return "spring";
		}

		@CacheData
		public List<String> duocached() {
			this.computations.incrementAndGet();
			return new java.util.ArrayList<>(List.of("a"));
		}

		int computations() {
			return this.computations.get();
		}

	}

	static final class Score {

		final int value;

		Score(int value) {
			this.value = value;
		}

	}

	static final class Unknown {

	}

	static class Granularity {

		private final AtomicInteger uses = new AtomicInteger();

		int uses() {
			return this.uses.get();
		}

		Object coarsen(Score score) {
			this.uses.incrementAndGet();
			return score.value / 10;
		}

	}

	static class CoarseScoreHasher implements ParamHasher<Score> {

		private final Granularity granularity;

		CoarseScoreHasher(Granularity granularity) {
			this.granularity = granularity;
		}

		@Override
		public Object hash(Score score) {
			return this.granularity.coarsen(score);
		}

	}

}
