package io.duocache.starter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.duocache.CacheData;
import io.duocache.Persist;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's switch for observations by name prefix turns Duocache's off as it does Spring's own:
 * {@code management.observations.enable.duocache.store=false} keeps the computation observed and
 * leaves store reads and writes unobserved (they cost a meter sample each, see the README).
 */
class ObservationSwitchTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void observesStoreReadsAndWritesByDefault(@TempDir Path folder) {
		assertThat(observedNames(folder)).contains("duocache.compute", "duocache.store.read", "duocache.store.write");
	}

	@Test
	void leavesStoreReadsAndWritesUnobservedWhenTheirPrefixIsSwitchedOff(@TempDir Path folder) {
		assertThat(observedNames(folder, "management.observations.enable.duocache.store=false"))
			.contains("duocache.compute")
			.noneMatch((name) -> name.startsWith("duocache.store"));
	}

	private List<String> observedNames(Path folder, String... properties) {
		List<String> args = new ArrayList<>(List.of("--duocache.persist.directory=" + folder));
		for (String property : properties) {
			args.add("--" + property);
		}
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		Books books = this.context.getBean(Books.class);
		books.titles("dune");
		return this.context.getBean(SeenObservations.class).names();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		SeenObservations seenObservations() {
			return new SeenObservations();
		}

		@Bean
		Books books() {
			return new Books();
		}

	}

	static class Books {

		@CacheData(persist = Persist.DISK)
		public List<String> titles(String author) {
			return new ArrayList<>(List.of(author + " 1"));
		}

	}

	/** Boot registers every handler bean on its registry; this one lists what was observed. */
	static class SeenObservations implements ObservationHandler<Observation.Context> {

		private final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<String> names() {
			return List.copyOf(this.names);
		}

	}

}
