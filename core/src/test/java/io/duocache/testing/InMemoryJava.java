package io.duocache.testing;

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

/**
 * Compiles one Java source in memory and loads its classes in a class loader of their own, so a test
 * can hold two versions of one class side by side.
 */
public final class InMemoryJava {

	private InMemoryJava() {
	}

	/**
	 * Compiles a source and loads one of its classes in a new class loader.
	 * @param className the binary name of the public class of the source
	 * @param source the source of one compilation unit
	 * @return the loaded class
	 * @throws ClassNotFoundException if the source does not define the class
	 */
	public static Class<?> load(String className, String source) throws ClassNotFoundException {
		return new BytesClassLoader(compile(className, source)).loadClass(className);
	}

	/**
	 * Compiles a source with debug information.
	 * @param className the binary name of the public class of the source
	 * @param source the source of one compilation unit
	 * @return the bytecode of every class it defines, by binary name
	 */
	public static Map<String, byte[]> compile(String className, String source) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
		JavaFileManager files = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
			@Override
			public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
					FileObject sibling) {
				return new SimpleJavaFileObject(URI.create("bytes:///" + name.replace('.', '/') + kind.extension),
						kind) {
					@Override
					public OutputStream openOutputStream() {
						return outputs.computeIfAbsent(name, (key) -> new ByteArrayOutputStream());
					}
				};
			}
		};
		JavaFileObject unit = new SimpleJavaFileObject(
				URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}
		};
		boolean compiled = compiler.getTask(null, files, null, List.of("-g", "--release", "17"), null, List.of(unit))
			.call();
		if (!compiled) {
			throw new IllegalStateException("Compiling " + className + " failed");
		}
		Map<String, byte[]> classes = new HashMap<>();
		outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
		return classes;
	}

	/** Loads classes from bytecode, and serves that bytecode as their class-file resource. */
	public static final class BytesClassLoader extends ClassLoader {

		private final Map<String, byte[]> classes;

		/**
		 * Creates the loader.
		 * @param classes the bytecode of the classes it defines, by binary name
		 */
		public BytesClassLoader(Map<String, byte[]> classes) {
			super(InMemoryJava.class.getClassLoader());
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
