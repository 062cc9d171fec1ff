package io.duocache.starter;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;
import tools.jackson.databind.json.JsonMapper;

import io.duocache.starter.SessionScopeTests.Basket;
import io.duocache.starter.SessionScopeTests.BasketController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scope = SESSION} with Spring Session: separate values per session, no callback stored in the
 * session (Spring Session would have to serialize it), and the session's caches ended when Spring
 * Session reports the session deleted or expired.
 */
class SpringSessionScopeTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private Basket basket;

	private MapSessionRepository sessions;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(SpringSessionApp.class)
			.properties("server.port=0", "server.address=127.0.0.1")
			.run();
		this.basket = this.context.getBean(Basket.class);
		this.sessions = this.context.getBean(MapSessionRepository.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void keepsOneCachePerSpringSessionAndEndsItWhenSpringSessionSaysSo() throws Exception {
		HttpClient ann = client();
		HttpClient bob = client();
		List<?> annSuggestions = get(ann, "/suggestions?shelf=tea");
		assertThat(get(bob, "/suggestions?shelf=tea")).isNotEqualTo(annSuggestions);
		assertThat(get(ann, "/suggestions?shelf=tea")).isEqualTo(annSuggestions);
		String annConnection = (String) get(ann, "/connection").get(0);
		String bobConnection = (String) get(bob, "/connection").get(0);
		String annSession = (String) get(ann, "/session-id").get(0);
		String bobSession = (String) get(bob, "/session-id").get(0);
		MapSession stored = this.sessions.findById(annSession);
		assertThat(stored.getAttributeNames()).noneMatch((name) -> name.contains("DESTRUCTION_CALLBACK"));

		this.context.publishEvent(new SessionDeletedEvent(this.sessions, stored));
		assertThat(this.basket.closed()).containsExactly(annConnection);
		this.context.publishEvent(new SessionDeletedEvent(this.sessions, stored));
		assertThat(this.basket.closed()).containsExactly(annConnection);
		this.context.publishEvent(new SessionExpiredEvent(this.sessions, this.sessions.findById(bobSession)));
		assertThat(this.basket.closed()).containsExactly(annConnection, bobConnection);
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private List<?> get(HttpClient client, String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readValue(response.body(), List.class);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableSpringHttpSession
	static class SpringSessionApp {

		@Bean
		MapSessionRepository sessionRepository() {
			return new MapSessionRepository(new ConcurrentHashMap<>());
		}

		@Bean
		Basket basket() {
			return new Basket();
		}

		@Bean
		BasketController basketController(Basket basket) {
			return new BasketController(basket);
		}

	}

}
