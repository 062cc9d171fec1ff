package io.duocache.testing;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisServerTests {

	@Test
	void failsSayingWhatToInstallWhenThereIsNeitherABinaryNorDocker() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> RedisServer.start(List.of(Path.of("/nonexistent/redis-server")), () -> false))
			.withMessageContaining("apt-get install -y redis-server")
			.withMessageContaining("Docker");
	}

	@Test
	void startsEmptyAgainOnTheSamePort() throws Exception {
		try (RedisServer redis = RedisServer.start()) {
			redis.command("SET", "k", "v");
			int port = redis.port();
			redis.restart();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(redis.command("PING")).isEqualTo("PONG");
			assertThat(redis.command("GET", "k")).isNull();
		}
	}

}
