package io.duocache.code;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aot.AotDetector;
import org.springframework.asm.ClassReader;
import org.springframework.asm.Type;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.Hashing;

import io.duocache.key.CacheKey;

/**
 * Hashes the code of a method: its bytecode without debug attributes (so comments, blank lines and
 * formatting do not count) plus, transitively, the bytecode of the lambdas and the private or static
 * methods of the same class that it calls. An application processed ahead of time carries the hashes
 * of its cached methods in {@value #BUILT_HASHES}, since a native image has no class files to read.
 */
public final class CodeHasher {

	/** The resource ahead-of-time processing writes the code hashes of cached methods to. */
	public static final String BUILT_HASHES = "META-INF/duocache/code-hashes.properties";

	private static final Log logger = LogFactory.getLog(CodeHasher.class);

	private final Map<Class<?>, Map<String, MethodCode>> classes = new ConcurrentHashMap<>();

	private final Map<String, CacheKey> built;

	/** Whether the application runs from its AOT artifacts, where a hash missing from them is a mistake. */
	private final boolean fromArtifacts;

	/** Creates a hasher that reads class files. */
	public CodeHasher() {
		this.built = Map.of();
		this.fromArtifacts = false;
	}

	private CodeHasher(Map<String, CacheKey> built) {
		this.built = built;
		this.fromArtifacts = true;
	}

	/**
	 * Returns the hasher of a running application: one that takes the hashes written ahead of time
	 * when the application runs from its AOT artifacts, else one that reads class files.
	 * @param classLoader the application's class loader
	 * @return the hasher
	 * @throws IllegalStateException if the hashes written ahead of time cannot be read
	 */
	public static CodeHasher forApplication(ClassLoader classLoader) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return new CodeHasher();
		}
		Map<String, CacheKey> built = new HashMap<>();
		try {
			Enumeration<URL> resources = classLoader.getResources(BUILT_HASHES);
			while (resources.hasMoreElements()) {
				URL resource = resources.nextElement();
				Properties hashes = new Properties();
				try (InputStream in = resource.openStream()) {
					hashes.load(in);
				}
				hashes.forEach((signature, hex) -> built.put((String) signature, CacheKey.fromHex((String) hex)));
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot read the code hashes written ahead of time (" + BUILT_HASHES
					+ "); run process-aot again", ex);
		}
		return new CodeHasher(Map.copyOf(built));
	}

	/**
	 * Returns the name a method's hash has in {@value #BUILT_HASHES}.
	 * @param method the method
	 * @return its class, name and descriptor
	 */
	public static String builtName(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + Type.getMethodDescriptor(method);
	}

	/**
	 * Returns the code hash of a method.
	 * @param method the method
	 * @return its code hash; when the class file cannot be read, a hash of the signature alone
	 */
	public CacheKey hash(Method method) {
		CacheKey built = this.built.get(builtName(method));
		if (built != null) {
			return built;
		}
		Class<?> owner = method.getDeclaringClass();
		Map<String, MethodCode> methods = this.classes.computeIfAbsent(owner, CodeHasher::read);
		String root = method.getName() + Type.getMethodDescriptor(method);
		HashStream128 stream = Hashing.xxh3_128().hashStream();
		stream.putString(owner.getName());
		if (!methods.containsKey(root)) {
			String message = "No bytecode found for " + owner.getName() + "." + method.getName()
					+ "; its entries are keyed on its signature only";
			if (this.fromArtifacts) {
				logger.warn(message + " (its hash is missing from " + BUILT_HASHES
						+ ": run process-aot again after changing cached methods)");
			}
			else {
				logger.debug(message);
			}
			stream.putString(root);
			return CacheKey.of(stream.get());
		}
		Set<String> included = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>();
		pending.add(root);
		while (!pending.isEmpty()) {
			String signature = pending.poll();
			MethodCode code = methods.get(signature);
			if (code == null || !included.add(signature)) {
				continue;
			}
			stream.putString(signature).putByteArray(code.instructions());
			for (String callee : code.sameClassCallees()) {
				MethodCode calleeCode = methods.get(callee);
				if (calleeCode != null && calleeCode.followed()) {
					pending.add(callee);
				}
			}
		}
		return CacheKey.of(stream.get());
	}

	/**
	 * Returns the code hash of a method without bytecode of its own, such as a repository query
	 * method that Spring Data implements: its declaration (name, generic parameter and return types),
	 * the values of the annotations on it and on its parameters ({@code @Query}, {@code @EntityGraph},
	 * {@code @Param}...), and what else decides what it returns.
	 * @param method the abstract method
	 * @param context more that decides what it returns, such as the shape of a repository's domain type
	 * @return its code hash
	 */
	public CacheKey hashDeclaration(Method method, String... context) {
		HashStream128 stream = Hashing.xxh3_128().hashStream();
		stream.putString("declaration").putString(method.getDeclaringClass().getName()).putString(method.getName());
		stream.putString(method.getGenericReturnType().getTypeName());
		for (java.lang.reflect.Type parameter : method.getGenericParameterTypes()) {
			stream.putString(parameter.getTypeName());
		}
		stream.putString(AnnotationValues.describe(method.getDeclaredAnnotations()));
		for (java.lang.annotation.Annotation[] parameter : method.getParameterAnnotations()) {
			stream.putString(AnnotationValues.describe(parameter));
		}
		for (String part : context) {
			stream.putString(part);
		}
		return CacheKey.of(stream.get());
	}

	private static Map<String, MethodCode> read(Class<?> type) {
		String resource = type.getName().replace('.', '/') + ".class";
		ClassLoader loader = (type.getClassLoader() != null) ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				return Map.of();
			}
			ClassReader reader = new ClassReader(in);
			CodeCollector collector = new CodeCollector(reader.getClassName());
			reader.accept(collector, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
			return collector.methods();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Cannot read the bytecode of " + type.getName(), ex);
			return Map.of();
		}
	}

	/**
	 * The canonical instructions of one method and the same-class methods it refers to.
	 *
	 * @param instructions the instructions, with labels numbered in order of appearance
	 * @param sameClassCallees signatures ({@code name + descriptor}) of same-class methods it calls
	 * or uses as lambda bodies
	 * @param followed whether callers include this method's code in theirs (private or static)
	 */
	record MethodCode(byte[] instructions, List<String> sameClassCallees, boolean followed) {

		static boolean isFollowed(int access) {
			return Modifier.isPrivate(access) || Modifier.isStatic(access);
		}

	}

}
