package io.duocache.code;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.duocache.key.CacheKey;
import io.duocache.testing.InMemoryJava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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

	@Test
	void takesTheHashesWrittenAheadOfTimeWhenTheApplicationRunsFromItsAotArtifacts(@TempDir Path classpath)
			throws Exception {
		Method compute = InMemoryJava.load("gen.Sample", ORIGINAL).getMethod("compute", int.class);
		CacheKey built = new CacheKey(1, 2);
		Path resource = classpath.resolve(CodeHasher.BUILT_HASHES);
		Files.createDirectories(resource.getParent());
		Files.writeString(resource, CodeHasher.builtName(compute) + "=" + built.toHex() + "\n");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classpath.toUri().toURL() }, null)) {
			assertThat(CodeHasher.forApplication(loader).hash(compute)).as("on the JVM, class files count")
				.isEqualTo(new CodeHasher().hash(compute));
			System.setProperty("spring.aot.enabled", "true");
			try {
				CodeHasher fromArtifacts = CodeHasher.forApplication(loader);
				assertThat(fromArtifacts.hash(compute)).isEqualTo(built);
				Method other = compute.getDeclaringClass().getMethod("other", int.class);
				assertThat(fromArtifacts.hash(other)).as("a method the build did not see")
					.isEqualTo(new CodeHasher().hash(other));
			}
			finally {
				System.clearProperty("spring.aot.enabled");
			}
		}
	}

	@Test
	void refusesHashesWrittenAheadOfTimeThatAreNotHashes(@TempDir Path classpath) throws Exception {
		Path resource = classpath.resolve(CodeHasher.BUILT_HASHES);
		Files.createDirectories(resource.getParent());
		Files.writeString(resource, "gen.Sample.compute(I)I=not-a-hash\n");
		System.setProperty("spring.aot.enabled", "true");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classpath.toUri().toURL() }, null)) {
			assertThatIllegalStateException().isThrownBy(() -> CodeHasher.forApplication(loader))
				.withMessageContaining(CodeHasher.BUILT_HASHES)
				.withMessageContaining("run process-aot again");
		}
		finally {
			System.clearProperty("spring.aot.enabled");
		}
	}

	private static CacheKey declarationHash(String source) throws Exception {
		Method method = InMemoryJava.load("gen.Repo", source).getMethod("byName", String.class);
		return new CodeHasher().hashDeclaration(method);
	}

}
