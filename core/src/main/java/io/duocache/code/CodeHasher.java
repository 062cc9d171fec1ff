package io.duocache.code;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.asm.ClassReader;
import org.springframework.asm.Type;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.Hashing;

import io.duocache.key.CacheKey;

/**
 * Hashes the code of a method: its bytecode without debug attributes (so comments, blank lines and
 * formatting do not count) plus, transitively, the bytecode of the lambdas and the private or static
 * methods of the same class that it calls.
 */
public final class CodeHasher {

	private static final Log logger = LogFactory.getLog(CodeHasher.class);

	private final Map<Class<?>, Map<String, MethodCode>> classes = new ConcurrentHashMap<>();

	/**
	 * Returns the code hash of a method.
	 * @param method the method
	 * @return its code hash; when the class file cannot be read, a hash of the signature alone
	 */
	public CacheKey hash(Method method) {
		Class<?> owner = method.getDeclaringClass();
		Map<String, MethodCode> methods = this.classes.computeIfAbsent(owner, CodeHasher::read);
		String root = method.getName() + Type.getMethodDescriptor(method);
		HashStream128 stream = Hashing.xxh3_128().hashStream();
		stream.putString(owner.getName());
		if (!methods.containsKey(root)) {
			logger.debug("No bytecode found for " + owner.getName() + "." + method.getName()
					+ "; its entries are keyed on its signature only");
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
