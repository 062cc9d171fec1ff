package io.duocache.code;

import org.junit.jupiter.api.Test;

import io.duocache.key.CacheKey;
import io.duocache.testing.InMemoryJava;

import static org.assertj.core.api.Assertions.assertThat;

class CodeHasherTests {

	private static final String ORIGINAL = """
			package gen;
			public class Sample {
				public int compute(int x) {
					java.util.function.IntUnaryOperator twice = (v) -> v * 2;
					return helper(twice.applyAsInt(x)) + 7;
				}
				private int helper(int v) {
					return v + 1;
				}
				public int other(int x) {
					return x;
				}
			}
			""";

	@Test
	void ignoresCommentsBlankLinesAndFormatting() throws Exception {
		String relaidOut = """
				package gen;

				/** A sample. */
				public class Sample {
					// explains compute
					public int compute(int x) {
						java.util.function.IntUnaryOperator twice =
								(v) -> v * 2;   // doubled

						return helper(twice.applyAsInt(x))
								+ 7;
					}
					private int helper(int v) { return v + 1; }
					public int other(int x) { return x; }
				}
				""";
		assertThat(hash(relaidOut)).isEqualTo(hash(ORIGINAL));
	}

	@Test
	void changesWhenAConstantChanges() throws Exception {
		assertThat(hash(ORIGINAL.replace("+ 7", "+ 8"))).isNotEqualTo(hash(ORIGINAL));
	}

	@Test
	void changesWhenACalledPrivateHelperChanges() throws Exception {
		assertThat(hash(ORIGINAL.replace("return v + 1;", "return v + 2;"))).isNotEqualTo(hash(ORIGINAL));
	}

	@Test
	void changesWhenALambdaBodyChanges() throws Exception {
		assertThat(hash(ORIGINAL.replace("v * 2", "v * 3"))).isNotEqualTo(hash(ORIGINAL));
	}

	@Test
	void ignoresMethodsItDoesNotCall() throws Exception {
		assertThat(hash(ORIGINAL.replace("return x;", "return x + 1;"))).isEqualTo(hash(ORIGINAL));
	}

	@Test
	void isStableAcrossClassLoaders() throws Exception {
		assertThat(hash(ORIGINAL)).isEqualTo(hash(ORIGINAL));
	}

	private static CacheKey hash(String source) throws Exception {
		Class<?> sample = InMemoryJava.load("gen.Sample", source);
		return new CodeHasher().hash(sample.getMethod("compute", int.class));
	}

}
