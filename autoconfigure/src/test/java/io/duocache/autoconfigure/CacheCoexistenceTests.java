package io.duocache.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheManager;

import io.duocache.CacheData;

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

	@Test
	void leavesSpringsWriteAnnotationsOnDuocacheCachesToDuocacheEvenWithBootsRedisCacheManager() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class,
					org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
					DuocacheAutoConfiguration.class))
			.withUserConfiguration(Shelves.class)
			// No server on that port: a write that reached Redis, or the JDK serialization of a book, would fail.
			.withPropertyValues("spring.cache.type=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=1")
			.run((context) -> {
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(RedisCacheManager.class);
				Shelf shelf = context.getBean(Shelf.class);
				shelf.books("a");
				shelf.restock("a");
				shelf.books("a");
				shelf.replace("a");
				assertThat(shelf.books("a")).as("the put's value").containsExactly(new Book("a-2"));
				assertThat(shelf.computations()).isEqualTo(2);
				assertThat(context.getBean(RedisCacheManager.class).getCacheNames()).doesNotContain("books");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Shelves {

		@Bean
		Shelf shelf() {
			return new Shelf();
		}

	}

	/** Not serializable, as entities and DTOs often are not. */
	record Book(String title) {
	}

	static class Shelf {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData(name = "books")
		public List<Book> books(String shelf) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(new Book(shelf + "-1")));
		}

		@CacheEvict("books")
		public void restock(String shelf) {
		}

		@CachePut(cacheNames = "books", key = "#shelf")
		public List<Book> replace(String shelf) {
			return new ArrayList<>(List.of(new Book(shelf + "-2")));
		}

		int computations() {
			return this.computations.get();
		}

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
