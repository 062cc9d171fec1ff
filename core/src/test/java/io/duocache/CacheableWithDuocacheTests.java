package io.duocache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring's own {@code @Cacheable} next to Duocache in a plain Spring application: plain methods keep
 * the application's cache manager, methods that name {@code cacheDataManager} get copies read back
 * as their declared return type.
 */
class CacheableWithDuocacheTests {

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void plainCacheableKeepsTheApplicationsCacheManager() {
		Library library = start().getBean(Library.class);
		List<String> first = library.plain();
		assertThat(library.plain()).isSameAs(first);
		assertThat(this.context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		assertThat(this.context.getBean(CacheDataManager.class).getCacheNames()).doesNotContain("plain");
	}

	@Test
	void copiesWithTheDeclaredGenericReturnType() {
		Library library = start().getBean(Library.class);
		List<Long> ids = library.ids();
		ids.add(99L);
		List<Long> again = library.ids();
		assertThat(again).containsExactly(1L, 2L, 3_000_000_000L);
		assertThat(again.get(0)).isInstanceOf(Long.class);
		List<Book> books = library.books();
		books.get(0).title = "changed";
		assertThat(library.books()).extracting((book) -> book.title).containsExactly("Dune");
		assertThat(library.computations()).isEqualTo(2);
	}

	@Test
	void failsASyncCacheableOnceAndRunsItOnceEvenWithALenientErrorHandler() {
		Library library = start().getBean(Library.class);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(library::failing).withMessage("boom");
		assertThat(library.failures()).isEqualTo(1);
	}

	@Test
	void explainsToACacheableUserWhyAValueOfUnknownTypeCannotBeCopied() {
		start();
		org.springframework.cache.Cache untyped = this.context.getBean(CacheDataManager.class).getCache("untyped");
		assertThatExceptionOfType(UnserializableReturnValueException.class)
			.isThrownBy(() -> untyped.put("key", new ArrayList<>(List.of(1L, new Book("Dune")))))
			.withMessageContaining("cache 'untyped' of cacheDataManager (used through Spring's @Cacheable)")
			.withMessageContaining("give a @Cacheable or @CachePut method that names this cache");
	}

	private AnnotationConfigApplicationContext start() {
		this.context = new AnnotationConfigApplicationContext(App.class);
		return this.context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@Import(DuocacheConfiguration.class)
	static class App implements CachingConfigurer {

		@Bean
		public CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

		@Bean
		Library library() {
			return new Library();
		}

		@Override
		public CacheErrorHandler errorHandler() {
			return new LoggingCacheErrorHandler();
		}

	}

	static class Library {

		private final AtomicInteger computations = new AtomicInteger();

		private final AtomicInteger failures = new AtomicInteger();

		@Cacheable("plain")
		public List<String> plain() {
			return new ArrayList<>(List.of("a"));
		}

		@Cacheable(cacheNames = "ids", cacheManager = "cacheDataManager")
		public List<Long> ids() {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(1L, 2L, 3_000_000_000L));
		}

		@Cacheable(cacheNames = "books", cacheManager = "cacheDataManager")
		public List<Book> books() {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(new Book("Dune")));
		}

		@Cacheable(cacheNames = "failing", cacheManager = "cacheDataManager", sync = true)
		public String failing() {
			this.failures.incrementAndGet();
			throw new IllegalStateException("boom");
		}

		@Cacheable(cacheNames = "untyped", cacheManager = "cacheDataManager")
		public Object untyped() {
			return new ArrayList<>(List.of(1L, new Book("Dune")));
		}

		int computations() {
			return this.computations.get();
		}

		int failures() {
			return this.failures.get();
		}

	}

	static class Book {

		String title;

		Book() {
		}

		Book(String title) {
			this.title = title;
		}

	}

}
