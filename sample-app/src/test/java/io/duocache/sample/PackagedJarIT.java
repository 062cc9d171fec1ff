package io.duocache.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the executable jar that {@code package} builds, as a user would with {@code java -jar}
 * (also from its AOT artifacts, as a native image would run), and checks that it serves cached
 * endpoints.
 */
class PackagedJarIT {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private Process process;

	private Path log;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void runsWithJavaJarAndServesACachedEndpoint() throws Exception {
		Path work = Files.createTempDirectory("duocache-sample-jar");
		String base = start(work);
		assertThat(getJson(base + "/mutation/data")).isEqualTo(List.of(1, 2, 3));
		assertThat(getJson(base + "/mutation/data")).isEqualTo(List.of(1, 2, 3));
		Map<?, ?> cache = (Map<?, ?>) getJson(base + "/actuator/duocache/Numbers.asData");
		assertThat(cache.get("misses")).isEqualTo(1);
		assertThat(cache.get("hits")).isEqualTo(1);
	}

	@Test
	void answersTheFirstCallAfterARestartFromDisk() throws Exception {
		Path work = Files.createTempDirectory("duocache-sample-jar");
		String base = start(work);
		Object rides = getJson(base + "/rides");
		assertThat(((Map<?, ?>) getJson(base + "/actuator/duocache/RideLoader.loadRides")).get("misses")).isEqualTo(1);
		stop();
		base = start(work);
		assertThat(getJson(base + "/rides")).isEqualTo(rides);
		Map<?, ?> loader = (Map<?, ?>) getJson(base + "/actuator/duocache/RideLoader.loadRides");
		assertThat(loader.get("misses")).isEqualTo(0);
		assertThat(loader.get("persist")).isEqualTo("disk");
		assertThat(loader.get("storeEntries")).isEqualTo(1);
	}

	@Test
	void runsFromItsAotArtifactsWithThePrebuiltProxiesAndCodeHashes() throws Exception {
		Path work = Files.createTempDirectory("duocache-sample-aot");
		String base = start(work, "-Dspring.aot.enabled=true");
		assertThat(Files.readString(this.log)).contains("Starting AOT-processed SampleApplication");
		assertThat(getJson(base + "/mutation/data")).isEqualTo(List.of(1, 2, 3));
		assertThat(getJson(base + "/mutation/data")).isEqualTo(List.of(1, 2, 3));
		Object owners = getJson(base + "/owners?lastName=D");
		assertThat(getJson(base + "/owners?lastName=D")).isEqualTo(owners);
		Object rides = getJson(base + "/rides");
		for (String cache : List.of("Numbers.asData", "OwnerRepository.findByLastNameStartingWith")) {
			Map<?, ?> info = (Map<?, ?>) getJson(base + "/actuator/duocache/" + cache);
			assertThat(info.get("misses")).as(cache).isEqualTo(1);
			assertThat(info.get("hits")).as(cache).isEqualTo(1);
		}
		stop();
		base = start(work, "-Dspring.aot.enabled=true");
		assertThat(getJson(base + "/rides")).as("read from disk: the code hash written ahead of time is stable")
			.isEqualTo(rides);
		assertThat(((Map<?, ?>) getJson(base + "/actuator/duocache/RideLoader.loadRides")).get("misses")).isEqualTo(0);
	}

	/** Starts the jar with its data and disk store in a folder of the test's; returns its base URL. */
	private String start(Path work, String... jvmOptions) throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar"));
		assertThat(jar).exists();
		int port = freePort();
		this.log = Files.createTempFile("duocache-sample", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--sample.rides.rows=1000", "--sample.sales.rows=1000", "--sample.sentiment.reviews=1000",
				"--sample.rides.file=" + work.resolve("pickups.csv"),
				"--duocache.persist.directory=" + work.resolve("store")));
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
		String base = "http://127.0.0.1:" + port;
		awaitHealthUp(base, this.log);
		return base;
	}

	private void awaitHealthUp(String base, Path log) throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (true) {
			assertThat(this.process.isAlive()).as("the jar is running; its log:%n%s", Files.readString(log)).isTrue();
			try {
				HttpResponse<String> health = this.http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
				// 503 while the application runners still run: it listens, but is not ready yet.
				if (health.statusCode() == 200
						&& this.json.readValue(health.body(), Object.class) instanceof Map<?, ?> status
						&& "UP".equals(status.get("status"))) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			assertThat(System.nanoTime()).as("UP within %s; log:%n%s", STARTUP, Files.readString(log))
				.isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	private Object getJson(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return this.json.readValue(response.body(), Object.class);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
