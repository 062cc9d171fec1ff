package io.duocache.starter;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.DuocacheException;
import io.duocache.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code scope = SESSION} in a real servlet application on a random port, called by HTTP clients that
 * each keep their own session cookie.
 */
class SessionScopeTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private Basket basket;

	/** The application-wide persist default, which session caches (memory only) leave aside. */
	@BeforeEach
	void start(@TempDir Path store) {
		this.context = new SpringApplicationBuilder(SessionApp.class)
			.properties("server.port=0", "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=duocache", "duocache.data.persist=disk",
					"duocache.persist.directory=" + store)
			.run();
		this.basket = this.context.getBean(Basket.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void eachSessionSeesItsOwnValues() throws Exception {
		HttpClient ann = client();
		HttpClient bob = client();
		Object annFirst = get(ann, "/suggestions?shelf=tea");
		Object bobFirst = get(bob, "/suggestions?shelf=tea");
		assertThat(bobFirst).isNotEqualTo(annFirst);
		assertThat(get(ann, "/suggestions?shelf=tea")).isEqualTo(annFirst);
		assertThat(get(bob, "/suggestions?shelf=tea")).isEqualTo(bobFirst);
		assertThat(this.basket.computations()).isEqualTo(2);
		Map<?, ?> info = (Map<?, ?>) get(ann, "/actuator/duocache/Basket.suggestions");
		assertThat(info.get("sessions")).isEqualTo(2);
		assertThat(info.get("entries")).isEqualTo(2);
		assertThat(info.get("hits")).isEqualTo(2);
		assertThat(info.get("misses")).isEqualTo(2);
	}

	@Test
	void endingASessionReleasesItsResourcesExactlyOnce() throws Exception {
		HttpClient ann = client();
		HttpClient bob = client();
		String annConnection = connection(ann);
		assertThat(connection(ann)).isEqualTo(annConnection);
		connection(bob);
		assertThat(this.basket.closed()).isEmpty();
		post(ann, "/logout");
		assertThat(this.basket.closed()).containsExactly(annConnection);
		post(bob, "/logout");
		assertThat(this.basket.closed()).hasSize(2).containsOnlyOnce(annConnection);
		String annAgain = connection(ann);
		assertThat(annAgain).isNotEqualTo(annConnection);
		this.context.close();
		assertThat(this.basket.closed()).hasSize(3).containsOnlyOnce(annConnection, annAgain);
	}

	@Test
	void aCallOutsideAnHttpRequestSaysWhy() {
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(() -> this.basket.suggestions("tea"))
			.withMessageContaining("'Basket.suggestions'")
			.withMessageContaining("outside an HTTP request");
	}

	private String connection(HttpClient client) throws IOException, InterruptedException {
		return (String) ((List<?>) get(client, "/connection")).get(0);
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private Object get(HttpClient client, String path) throws IOException, InterruptedException {
		return send(client, HttpRequest.newBuilder(uri(path)).GET());
	}

	private void post(HttpClient client, String path) throws IOException, InterruptedException {
		send(client, HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Object send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
		return response.body().isEmpty() ? null : this.json.readValue(response.body(), Object.class);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SessionApp {

		@Bean
		Basket basket() {
			return new Basket();
		}

		@Bean
		BasketController basketController(Basket basket) {
			return new BasketController(basket);
		}

	}

	static class Basket {

		private final AtomicInteger computations = new AtomicInteger();

		private final List<String> closed = java.util.Collections.synchronizedList(new ArrayList<>());

		@CacheData(scope = Scope.SESSION)
		public List<String> suggestions(String shelf) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(shelf, UUID.randomUUID().toString()));
		}

		@CacheResource(scope = Scope.SESSION)
		public Connection connection() {
			return new Connection(UUID.randomUUID().toString(), this.closed);
		}

		public int computations() {
			return this.computations.get();
		}

		public List<String> closed() {
			return List.copyOf(this.closed);
		}

	}

	record Connection(String id, List<String> closed) implements AutoCloseable {

		@Override
		public void close() {
			this.closed.add(this.id);
		}

	}

	@RestController
	static class BasketController {

		private final Basket basket;

		BasketController(Basket basket) {
			this.basket = basket;
		}

		@GetMapping("/suggestions")
		List<String> suggestions(@RequestParam String shelf) {
			return this.basket.suggestions(shelf);
		}

		@GetMapping("/connection")
		List<String> connection() {
			return List.of(this.basket.connection().id());
		}

		@GetMapping("/session-id")
		List<String> sessionId(HttpSession session) {
			return List.of(session.getId());
		}

		@PostMapping("/logout")
		void logout(HttpSession session) {
			session.invalidate();
		}

	}

}
