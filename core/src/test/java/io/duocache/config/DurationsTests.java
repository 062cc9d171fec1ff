package io.duocache.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTests {

	@Test
	void parsesSimpleUnits() {
		assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
		assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void parsesIsoAndPlainSeconds() {
		assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
		assertThat(Durations.parse("pt10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void rejectsWhatIsNotAPositiveDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("10 minutes"))
			.withMessageContaining("'10 minutes' is not a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("0s"))
			.withMessageContaining("not a positive duration");
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("PT"));
	}

}
