package io.duocache.starter;

import java.nio.file.Path;
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
		Visitor ann = new Visitor(this.context);
		Visitor bob = new Visitor(this.context);
		Object annFirst = ann.get("/suggestions?shelf=tea");
		Object bobFirst = bob.get("/suggestions?shelf=tea");
		assertThat(bobFirst).isNotEqualTo(annFirst);
		assertThat(ann.get("/suggestions?shelf=tea")).isEqualTo(annFirst);
		assertThat(bob.get("/suggestions?shelf=tea")).isEqualTo(bobFirst);
		assertThat(this.basket.computations()).isEqualTo(2);
		Map<?, ?> info = (Map<?, ?>) ann.get("/actuator/duocache/Basket.suggestions");
		assertThat(info.get("sessions")).isEqualTo(2);
		assertThat(info.get("entries")).isEqualTo(2);
		assertThat(info.get("hits")).isEqualTo(2);
		assertThat(info.get("misses")).isEqualTo(2);
	}

	@Test
	void endingASessionReleasesItsResourcesExactlyOnce() throws Exception {
		Visitor ann = new Visitor(this.context);
		Visitor bob = new Visitor(this.context);
		String annConnection = (String) ann.first("/connection");
		assertThat(ann.first("/connection")).isEqualTo(annConnection);
		bob.first("/connection");
		assertThat(this.basket.closed()).isEmpty();
		ann.post("/logout");
		assertThat(this.basket.closed()).containsExactly(annConnection);
		bob.post("/logout");
		assertThat(this.basket.closed()).hasSize(2).containsOnlyOnce(annConnection);
		String annAgain = (String) ann.first("/connection");
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
