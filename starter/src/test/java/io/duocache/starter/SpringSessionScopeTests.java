package io.duocache.starter;

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

import io.duocache.starter.SessionScopeTests.Basket;
import io.duocache.starter.SessionScopeTests.BasketController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scope = SESSION} with Spring Session: separate values per session, no callback stored in the
 * session (Spring Session would have to serialize it), and the session's caches ended when Spring
 * Session reports the session deleted or expired.
 */
class SpringSessionScopeTests {

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
		Visitor ann = new Visitor(this.context);
		Visitor bob = new Visitor(this.context);
		Object annSuggestions = ann.get("/suggestions?shelf=tea");
		assertThat(bob.get("/suggestions?shelf=tea")).isNotEqualTo(annSuggestions);
		assertThat(ann.get("/suggestions?shelf=tea")).isEqualTo(annSuggestions);
		String annConnection = (String) ann.first("/connection");
		String bobConnection = (String) bob.first("/connection");
		String annSession = (String) ann.first("/session-id");
		String bobSession = (String) bob.first("/session-id");
		MapSession stored = this.sessions.findById(annSession);
		assertThat(stored.getAttributeNames()).noneMatch((name) -> name.contains("DESTRUCTION_CALLBACK"));

		this.context.publishEvent(new SessionDeletedEvent(this.sessions, stored));
		assertThat(this.basket.closed()).containsExactly(annConnection);
		this.context.publishEvent(new SessionDeletedEvent(this.sessions, stored));
		assertThat(this.basket.closed()).containsExactly(annConnection);
		this.context.publishEvent(new SessionExpiredEvent(this.sessions, this.sessions.findById(bobSession)));
		assertThat(this.basket.closed()).containsExactly(annConnection, bobConnection);
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
