package io.duocache.data;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.type.TypeFactory;

import io.duocache.key.CacheKey;
import io.duocache.testing.InMemoryJava;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two releases of one DTO, compiled side by side in class loaders of their own: the same shape gives
 * the same fingerprint, any change to a property's name or type gives another.
 */
class ShapeFingerprintTests {

	private static final String RIDE = """
			package gen;
			public class Ride {
				private String city;
				private java.util.List<Stop> stops;
				public static class Stop {
					private double lat;
					private double lon;
				}
			}
			""";

	private final TypeFactory types = new DataCodec(List.of()).mapper().getTypeFactory();

	@Test
	void isTheSameForTheSameShapeInAnotherClassLoader() throws Exception {
		assertThat(fingerprint(RIDE)).isEqualTo(fingerprint(RIDE));
	}

	@Test
	void ignoresFormattingAndMethods() throws Exception {
		String withMethods = RIDE.replace("private String city;",
				"private String city;\n public String city() { return this.city; }");
		assertThat(fingerprint(withMethods)).isEqualTo(fingerprint(RIDE));
	}

	@Test
	void changesWhenAPropertyIsAdded() throws Exception {
		assertThat(fingerprint(RIDE.replace("private String city;", "private String city;\n private int seats;")))
			.isNotEqualTo(fingerprint(RIDE));
	}

	@Test
	void changesWhenAPropertyIsRenamed() throws Exception {
		assertThat(fingerprint(RIDE.replace("city", "town"))).isNotEqualTo(fingerprint(RIDE));
	}

	@Test
	void changesWhenANestedPropertyChangesType() throws Exception {
		assertThat(fingerprint(RIDE.replace("private double lat;", "private float lat;")))
			.isNotEqualTo(fingerprint(RIDE));
	}

	@Test
	void changesWithTheElementTypeOfACollection() {
		assertThat(ShapeFingerprint.of(this.types.constructCollectionType(List.class, Long.class), this.types))
			.isNotEqualTo(ShapeFingerprint.of(this.types.constructCollectionType(List.class, Integer.class), this.types));
	}

	@Test
	void terminatesOnSelfReferencingTypes() {
		assertThat(ShapeFingerprint.of(this.types.constructType(Node.class), this.types)).isNotNull();
	}

	private CacheKey fingerprint(String source) throws Exception {
		return ShapeFingerprint.of(this.types.constructType(InMemoryJava.load("gen.Ride", source)), this.types);
	}

	static class Node {

		Node next;

		List<Node> children;

	}

}
