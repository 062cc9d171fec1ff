package io.duocache.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CacheCoexistenceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class, DuocacheAutoConfiguration.class))
		.withUserConfiguration(Books.class)
		.withPropertyValues("spring.cache.type=caffeine");

	@Test
	void leavesSpringBootsCacheManagerInCharge() {
		this.runner.run((context) -> {
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(CaffeineCacheManager.class);
			Library library = context.getBean(Library.class);
			List<String> first = library.plain();
			assertThat(library.plain()).isSameAs(first);
			assertThat(context.getBean(CaffeineCacheManager.class).getCacheNames()).contains("plain");
		});
	}

	@Test
	void givesCopyOnReadToCacheableMethodsThatNameTheDataManager() {
		this.runner.run((context) -> {
			Library library = context.getBean(Library.class);
			library.copied().add("mutated");
			assertThat(library.copied()).containsExactly("a");
			assertThat(library.computations()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Books {

		@Bean
		Library library() {
			return new Library();
		}

	}

	static class Library {

		private final AtomicInteger computations = new AtomicInteger();

		@Cacheable("plain")
		public List<String> plain() {
			return new ArrayList<>(List.of("a"));
		}

		@Cacheable(cacheNames = "copied", cacheManager = "cacheDataManager")
		public List<String> copied() {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of("a"));
		}

		int computations() {
			return this.computations.get();
		}

	}

}
