package io.duocache.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.duocache.CacheData;
import io.duocache.CacheResource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SpinnerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DuocacheAutoConfiguration.class))
		.withBean(Reports.class);

	@Test
	void logsTheDefaultSpinnerOnAMissOnly(CapturedOutput output) {
		this.runner.run((context) -> {
			Reports reports = context.getBean(Reports.class);
			reports.build("q1");
			reports.build("q1");
			assertThat(output.getOut().split("Running Reports.build\\(\\.\\.\\.\\)", -1)).hasSize(2);
		});
	}

	@Test
	void logsACustomSpinnerAndTheElapsedTime(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(Reports.class).timed();
			assertThat(output).contains("Loading the model").containsPattern("Reports\\.timed computed in \\d+ ms");
		});
	}

	@Test
	void staysQuietWhenTheSpinnerIsOff(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(Reports.class).quiet();
			assertThat(output).doesNotContain("Reports.quiet");
		});
	}

	static class Reports {

		@CacheData
		public String build(String quarter) {
			return quarter;
		}

		@CacheResource(spinner = "Loading the model", showTime = true)
		public Object timed() {
			return new Object();
		}

		@CacheData(showSpinner = false)
		public String quiet() {
			return "quiet";
		}

	}

}
