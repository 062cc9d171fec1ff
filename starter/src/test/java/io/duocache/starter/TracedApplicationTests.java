package io.duocache.starter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import io.duocache.CacheData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application traced with Micrometer Tracing (Brave), as Boot users trace: a slow miss
 * shows in the request's trace as a {@code duocache compute} span, with what the method did (here an
 * HTTP call) nested inside it; a hit adds no span.
 */
@SpringBootTest(classes = TracedApplicationTests.TracedApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0", "server.address=127.0.0.1" })
@AutoConfigureTracing
class TracedApplicationTests {

	@Autowired
	private FinishedSpans spans;

	@Autowired
	private Quotes quotes;

	@Value("${local.server.port}")
	private int port;

	private RestClient client;

	@BeforeEach
	void client() {
		this.client = RestClient.create("http://127.0.0.1:" + this.port);
	}

	@Test
	void aMissIsASpanOfItsRequestAroundWhatTheMethodDidAndAHitIsNone() {
		assertThat(get("/quotes/dune")).isEqualTo("[\"quote of dune\"]");
		MutableSpan compute = this.spans.awaitNamed("duocache compute Quotes.quote");
		MutableSpan request = this.spans.serverSpanOf("/quotes/{title}");
		assertThat(compute.traceId()).isEqualTo(request.traceId());
		assertThat(compute.parentId()).isEqualTo(request.id());
		assertThat(compute.tags()).containsEntry("cache", "Quotes.quote")
			.containsEntry("cache.manager", "cacheData")
			.containsEntry("tier", "data")
			.containsEntry("result", "success")
			.doesNotContainKey("key");
		MutableSpan source = this.spans.serverSpanOf("/source/{title}");
		assertThat(source.traceId()).as("the method's HTTP call is part of the same trace").isEqualTo(request.traceId());
		MutableSpan call = this.spans.all().stream()
			.filter((span) -> span.kind() == brave.Span.Kind.CLIENT && compute.id().equals(span.parentId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no client span under the computation: " + this.spans.all()));
		assertThat(source.parentId()).isEqualTo(call.id());

		int spansAfterMiss = this.spans.all().size();
		assertThat(get("/quotes/dune")).isEqualTo("[\"quote of dune\"]");
		this.spans.awaitCount(spansAfterMiss + 1);
		assertThat(this.spans.all()).filteredOn((span) -> span.name() != null && span.name().startsWith("duocache"))
			.hasSize(1);
		assertThat(this.quotes.calls()).isEqualTo(1);
	}

	private String get(String path) {
		return this.client.get().uri(path).retrieve().body(String.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApp {

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

		@Bean
		Quotes quotes(RestClient.Builder builder, Environment environment) {
			return new Quotes(builder, environment);
		}

		@Bean
		QuoteController quoteController(Quotes quotes) {
			return new QuoteController(quotes);
		}

	}

	@RestController
	static class QuoteController {

		private final Quotes quotes;

		QuoteController(Quotes quotes) {
			this.quotes = quotes;
		}

		@GetMapping("/quotes/{title}")
		List<String> quotes(@PathVariable String title) {
			return this.quotes.quote(title);
		}

		@GetMapping("/source/{title}")
		String source(@PathVariable String title) {
			return "quote of " + title;
		}

	}

	static class Quotes {

		private final RestClient.Builder builder;

		private final Environment environment;

		private final AtomicInteger calls = new AtomicInteger();

		Quotes(RestClient.Builder builder, Environment environment) {
			this.builder = builder;
			this.environment = environment;
		}

		@CacheData
		public List<String> quote(String title) {
			this.calls.incrementAndGet();
			RestClient client = this.builder.baseUrl("http://127.0.0.1:" + this.environment.getProperty("local.server.port"))
				.build();
			return new ArrayList<>(List.of(client.get().uri("/source/{title}", title).retrieve().body(String.class)));
		}

		int calls() {
			return this.calls.get();
		}

	}

	/** Every span the application finished, as Brave reports it. */
	static class FinishedSpans extends SpanHandler {

		private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			this.spans.add(span);
			return true;
		}

		List<MutableSpan> all() {
			return List.copyOf(this.spans);
		}

		MutableSpan awaitNamed(String name) {
			return await((span) -> name.equals(span.name()), name);
		}

		MutableSpan serverSpanOf(String route) {
			return await((span) -> span.kind() == brave.Span.Kind.SERVER && span.name() != null
					&& span.name().endsWith(route), "server span of " + route);
		}

		void awaitCount(int count) {
			awaitUntil(() -> this.spans.size() >= count, count + " spans");
		}

		private MutableSpan await(Predicate<MutableSpan> wanted, String what) {
			awaitUntil(() -> this.spans.stream().anyMatch(wanted), what);
			return this.spans.stream().filter(wanted).findFirst().orElseThrow();
		}

		/** Server spans end just after the response is written, so a test may look before they are reported. */
		private void awaitUntil(BooleanSupplier condition, String what) {
			for (int attempt = 0; attempt < 100 && !condition.getAsBoolean(); attempt++) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError(ex);
				}
			}
			if (!condition.getAsBoolean()) {
				throw new AssertionError("No " + what + " among " + this.spans);
			}
		}

	}

}
