package io.duocache.starter;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One visitor of a running application: an HTTP client that keeps its own cookies, so its own
 * session, and expects every answer to be 200.
 */
final class Visitor {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ConfigurableApplicationContext context;

	Visitor(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Returns the JSON answer of a GET. */
	Object get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** Returns the first element of a GET's JSON list answer. */
	Object first(String path) throws IOException, InterruptedException {
		return ((List<?>) get(path)).get(0);
	}

	void post(String path) throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Object send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
		return response.body().isEmpty() ? null : json.readValue(response.body(), Object.class);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
	}

}
