package io.duocache.code;

import java.lang.reflect.Method;

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


	private static final String REPOSITORY = """
			package gen;
			public interface Repo {
				@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
				@interface Query { String value(); boolean nativeQuery() default false; }
				@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
				@interface Param { String value(); }
				@Query("select o from Owner o where o.lastName = :name")
				java.util.List<String> byName(@Param("name") String name);
			}
			""";

	@Test
	void hashesAMethodWithoutBytecodeByItsDeclarationAndTheValuesOfItsAnnotations() throws Exception {
		CacheKey original = declarationHash(REPOSITORY);
		assertThat(declarationHash(REPOSITORY)).as("the same declaration, loaded again").isEqualTo(original);
		assertThat(declarationHash(REPOSITORY.replace("o.lastName = :name", "o.firstName = :name")))
			.as("another query").isNotEqualTo(original);
		assertThat(declarationHash(REPOSITORY.replace("@Query(\"select", "@Query(nativeQuery = true, value = \"select")))
			.as("another attribute").isNotEqualTo(original);
		assertThat(declarationHash(REPOSITORY.replace("@Param(\"name\") String name", "@Param(\"last\") String name")))
			.as("another parameter annotation").isNotEqualTo(original);
		assertThat(declarationHash(REPOSITORY.replace("java.util.List<String>", "java.util.List<Object>")))
			.as("another generic return type").isNotEqualTo(original);
		String commented = REPOSITORY.replace("\t@Query(\"select", "\t// a comment\n\n\t@Query(\"select");
		assertThat(commented).isNotEqualTo(REPOSITORY);
		assertThat(declarationHash(commented)).as("a comment").isEqualTo(original);
	}

	@Test
	void hashesTheContextOfADeclaration() throws Exception {
		Method method = InMemoryJava.load("gen.Repo", REPOSITORY).getMethod("byName", String.class);
		CodeHasher hasher = new CodeHasher();
		assertThat(hasher.hashDeclaration(method, "shape-1")).isEqualTo(hasher.hashDeclaration(method, "shape-1"))
			.isNotEqualTo(hasher.hashDeclaration(method, "shape-2"))
			.isNotEqualTo(hasher.hashDeclaration(method));
	}

	private static CacheKey declarationHash(String source) throws Exception {
		Method method = InMemoryJava.load("gen.Repo", source).getMethod("byName", String.class);
		return new CodeHasher().hashDeclaration(method);
	}

}
