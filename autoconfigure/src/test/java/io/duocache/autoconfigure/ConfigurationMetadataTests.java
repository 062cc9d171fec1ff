package io.duocache.autoconfigure;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	void describesEveryProperty() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			metadata = JsonMapper.shared().readTree(in);
		}
		JsonNode properties = metadata.get("properties");
		assertThat(properties.valueStream().map((property) -> property.get("name").asString()))
			.contains("duocache.enabled", "duocache.data.ttl", "duocache.data.max-entries", "duocache.data.max-size",
					"duocache.data.persist", "duocache.resource.ttl", "duocache.resource.max-entries",
					"duocache.caches", "duocache.persist.directory", "duocache.persist.max-size",
					"duocache.persist.sweep-interval");
		assertThat(properties.valueStream()).allSatisfy((property) -> assertThat(property.path("description").asString())
			.as(property.get("name").asString())
			.isNotBlank());
	}

}
