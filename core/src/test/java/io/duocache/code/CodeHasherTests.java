package io.duocache.code;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

import io.duocache.key.CacheKey;

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
		Map<String, byte[]> classes = compile(source);
		ClassLoader loader = new BytesClassLoader(classes);
		Class<?> sample = loader.loadClass("gen.Sample");
		return new CodeHasher().hash(sample.getMethod("compute", int.class));
	}

	private static Map<String, byte[]> compile(String source) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
		JavaFileManager files = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
			@Override
			public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
					FileObject sibling) {
				return new SimpleJavaFileObject(URI.create("bytes:///" + className.replace('.', '/') + kind.extension),
						kind) {
					@Override
					public OutputStream openOutputStream() {
						return outputs.computeIfAbsent(className, (name) -> new ByteArrayOutputStream());
					}
				};
			}
		};
		JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///gen/Sample.java"),
				JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}
		};
		boolean compiled = compiler.getTask(null, files, null, List.of("-g", "--release", "17"), null, List.of(unit))
			.call();
		assertThat(compiled).isTrue();
		Map<String, byte[]> classes = new HashMap<>();
		outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
		return classes;
	}

	private static final class BytesClassLoader extends ClassLoader {

		private final Map<String, byte[]> classes;

		BytesClassLoader(Map<String, byte[]> classes) {
			super(CodeHasherTests.class.getClassLoader());
			this.classes = classes;
		}

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			byte[] bytes = this.classes.get(name);
			if (bytes == null) {
				throw new ClassNotFoundException(name);
			}
			return defineClass(name, bytes, 0, bytes.length);
		}

		@Override
		public InputStream getResourceAsStream(String name) {
			String className = name.replace('/', '.').replaceAll("\\.class$", "");
			byte[] bytes = this.classes.get(className);
			return (bytes != null) ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
		}

	}

}
