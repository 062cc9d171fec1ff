package io.duocache.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.config.Tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Out-of-range values in {@code duocache.*} fail startup when they are bound, with Spring Boot's
 * report naming the property and the allowed range.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertyValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			duocache.data.ttl=-5s              | duocache.data.ttl              | Must be a positive duration
			duocache.data.ttl=0                | duocache.data.ttl              | leave it unset for no expiry
			duocache.resource.ttl=0s           | duocache.resource.ttl          | Must be a positive duration
			duocache.data.max-entries=-1       | duocache.data.max-entries      | max-entries must be at least 1
			duocache.resource.max-entries=0    | duocache.resource.max-entries  | max-entries must be at least 1
			duocache.data.max-size=-5MB        | duocache.data.max-size         | max-size must be a positive size
			duocache.caches.rides.ttl=-1m      | duocache.caches.rides.ttl      | Must be a positive duration
			duocache.caches.rides.max-size=0B  | duocache.caches.rides.max-size | max-size must be a positive size
			""")
	void reportsAnOutOfRangeValueWithThePropertyAndTheRange(String property, String name, String range,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(property));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + name)
			.contains("Value: \"" + property.substring(property.indexOf('=') + 1) + "\"")
			.contains(range);
	}

	@Test
	void acceptsPositiveValues() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DuocacheAutoConfiguration.class))
			.withPropertyValues("duocache.data.ttl=1s", "duocache.data.max-entries=1", "duocache.data.max-size=1B",
					"duocache.caches.rides.ttl=10m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CacheSettings rides = context.getBean(DuocacheSettings.class)
					.resolve("rides", Tier.DATA, CacheSettings.UNSET);
				assertThat(rides.ttl()).hasMinutes(10);
				assertThat(rides.maxEntries()).isEqualTo(1);
			});
	}

	private static void start(String property) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--" + property)) {
			assertThat(context).isNull();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
