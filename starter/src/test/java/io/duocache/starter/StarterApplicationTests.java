package io.duocache.starter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small Spring Boot applications built as users build them (this starter, web and actuator), with
 * and without {@code @EnableCaching}, with their own cache manager and with Boot's Caffeine, checked
 * over HTTP: they start, inject the managers by type, list every manager that has caches in
 * {@code /actuator/caches} and route a plain {@code @Cacheable} to the application's cache manager.
 */
class StarterApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void startsWithoutEnableCachingAndInjectsTheManagersByType() throws Exception {
		start(PlainApp.class);
		assertThat(get("/copies")).isEqualTo(List.of("a"));
		assertThat(get("/copies")).isEqualTo(List.of("a"));
		assertThat(get("/managers")).isEqualTo(Map.of("data", "Library.copies", "resource", ""));
		assertThat(cacheManagers()).containsOnlyKeys("cacheDataManager");
		assertThat(cacheNames("cacheDataManager")).containsExactly("Library.copies");
	}

	@Test
	void keepsBootsCacheManagerForPlainCacheableWithEnableCaching() throws Exception {
		start(CachingApp.class, "spring.cache.type=simple");
		assertThat(get("/plain")).isEqualTo(List.of("plain"));
		assertThat(get("/plain")).isEqualTo(List.of("plain"));
		assertThat(this.context.getBean(Library.class).plainCalls()).isEqualTo(1);
		assertThat(this.context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		get("/copies");
		assertThat(cacheManagers()).containsOnlyKeys("cacheManager", "cacheDataManager");
		assertThat(cacheNames("cacheManager")).containsExactly("plain");
	}

	@Test
	void keepsTheApplicationsOwnCacheManagerForPlainCacheable() throws Exception {
		start(OwnManagerApp.class);
		get("/plain");
		get("/plain");
		assertThat(this.context.getBean(Library.class).plainCalls()).isEqualTo(1);
		assertThat(this.context.getBean(CacheManager.class)).isSameAs(this.context.getBean("appCaches"));
		get("/copies");
		assertThat(cacheManagers()).containsOnlyKeys("appCaches", "cacheDataManager");
		assertThat(cacheNames("appCaches")).containsExactly("plain");
	}

	@Test
	void keepsBootsCaffeineCacheManagerWhenConfigured() throws Exception {
		start(CachingApp.class, "spring.cache.type=caffeine");
		get("/plain");
		get("/plain");
		assertThat(this.context.getBean(CacheManager.class)).isInstanceOf(CaffeineCacheManager.class);
		assertThat(this.context.getBean(Library.class).plainCalls()).isEqualTo(1);
		assertThat(get("/copies")).isEqualTo(List.of("a"));
	}

	private void start(Class<?> app, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=health,caches,duocache"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(app).properties(all.toArray(String[]::new)).run();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> cacheManagers() throws IOException, InterruptedException {
		return (Map<String, Object>) ((Map<String, Object>) get("/actuator/caches")).get("cacheManagers");
	}

	private List<String> cacheNames(String manager) throws IOException, InterruptedException {
		Map<?, ?> caches = (Map<?, ?>) ((Map<?, ?>) cacheManagers().get(manager)).get("caches");
		return caches.keySet().stream().map(Object::toString).sorted().toList();
	}

	private Object get(String path) throws IOException, InterruptedException {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readValue(response.body(), Object.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PlainApp {

		@Bean
		Library library() {
			return new Library();
		}

		@Bean
		LibraryController libraryController(Library library, CacheDataManager data, CacheResourceManager resources) {
			return new LibraryController(library, data, resources);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	static class CachingApp extends PlainApp {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	static class OwnManagerApp extends PlainApp {

		@Bean
		CacheManager appCaches() {
			return new ConcurrentMapCacheManager();
		}

	}

	static class Library {

		private final AtomicInteger plainCalls = new AtomicInteger();

		@CacheData
		public List<String> copies() {
			return new ArrayList<>(List.of("a"));
		}

		@Cacheable("plain")
		public List<String> plain() {
			this.plainCalls.incrementAndGet();
			return List.of("plain");
		}

		int plainCalls() {
			return this.plainCalls.get();
		}

	}

	@RestController
	static class LibraryController {

		private final Library library;

		private final CacheDataManager data;

		private final CacheResourceManager resources;

		LibraryController(Library library, CacheDataManager data, CacheResourceManager resources) {
			this.library = library;
			this.data = data;
			this.resources = resources;
		}

		@GetMapping("/copies")
		List<String> copies() {
			List<String> copies = this.library.copies();
			copies.add("mutated");
			return this.library.copies();
		}

		@GetMapping("/plain")
		List<String> plain() {
			return this.library.plain();
		}

		@GetMapping("/managers")
		Map<String, String> managers() {
			return Map.of("data", String.join(",", this.data.getCacheNames()), "resource",
					String.join(",", this.resources.getCacheNames()));
		}

	}

}
