package io.duocache.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ResolvableType;

import io.duocache.DuocacheException;
import io.duocache.Exclude;
import io.duocache.ParamHasher;
import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;
import io.duocache.key.ParamHashers;
import io.duocache.key.ResourceIdentities;
import io.duocache.key.SpringDataHashers;

/**
 * Builds the key hasher of a cached method: its seed (the key format, the method, the bean, the code
 * hash and, for caches with a store, the shape of the return type), the parameters that are part of
 * the key, and the hashers that apply (the annotation's, then the application's beans, then the
 * built-in ones for Spring Data's arguments).
 */
final class KeyHashers {

	/** The key format; changing how keys are derived changes this, so old persisted entries miss. */
	private static final String KEY_FORMAT = "duocache-key-1";

	private KeyHashers() {
	}

	/**
	 * Returns the key hasher of a cached method.
	 * @param declaration the method's declaration
	 * @param beanName the bean it belongs to
	 * @param codeHash its code hash
	 * @param shape the shape fingerprint of its return type, for a cache with a store
	 * @param hashers the hashers that apply to it
	 * @param resources the origins of resource values passed as arguments
	 * @return the key hasher
	 */
	static KeyHasher forMethod(CacheDeclaration declaration, String beanName, CacheKey codeHash,
			@Nullable CacheKey shape, ParamHashers hashers, ResourceIdentities resources) {
		Method method = declaration.method();
		return new KeyHasher(seed(method, beanName, codeHash, shape), keyParameters(method), hashers, resources,
				declaration.methodName());
	}

	private static CacheKey seed(Method method, String beanName, CacheKey codeHash, @Nullable CacheKey shape) {
		String parameterTypes = Arrays.stream(method.getParameterTypes())
			.map(Class::getName)
			.collect(Collectors.joining(","));
		String stableBeanName = beanName.startsWith("(inner bean)") ? "(inner bean)" : beanName;
		if (shape == null) {
			return KeyHasher.seed(KEY_FORMAT, method.getDeclaringClass().getName(), method.getName(), parameterTypes,
					stableBeanName, codeHash.toHex());
		}
		return KeyHasher.seed(KEY_FORMAT, method.getDeclaringClass().getName(), method.getName(), parameterTypes,
				stableBeanName, codeHash.toHex(), shape.toHex());
	}

	/** Returns the positions of a method's parameters that are part of its key. */
	static List<Integer> keyPositions(Method method) {
		return keyParameters(method).stream().map(KeyHasher.KeyParameter::position).toList();
	}

	private static List<KeyHasher.KeyParameter> keyParameters(Method method) {
		List<KeyHasher.KeyParameter> parameters = new ArrayList<>();
		Parameter[] declared = method.getParameters();
		// A suspending function's last parameter is the caller's continuation, never part of the key.
		int count = KotlinDetector.isSuspendingFunction(method) ? declared.length - 1 : declared.length;
		for (int i = 0; i < count; i++) {
			Parameter parameter = declared[i];
			boolean underscored = parameter.isNamePresent() && parameter.getName().startsWith("_");
			if (!parameter.isAnnotationPresent(Exclude.class) && !underscored) {
				parameters.add(new KeyHasher.KeyParameter(i, parameter.getName()));
			}
		}
		return parameters;
	}

	static List<ParamHashers.Registration> annotationHashers(CacheDeclaration declaration, Instances instances) {
		List<ParamHashers.Registration> registrations = new ArrayList<>();
		for (Class<? extends ParamHasher<?>> hasherClass : declaration.hashers()) {
			Class<?> type = ResolvableType.forClass(hasherClass).as(ParamHasher.class).resolveGeneric(0);
			if (type == null) {
				throw CachedMethodScanner.invalid(declaration.methodName(),
						"the argument type of hasher " + hasherClass.getName() + " cannot be determined",
						"Declare it as 'class " + hasherClass.getSimpleName() + " implements ParamHasher<MyType>'.");
			}
			registrations.add(ParamHashers.Registration.of(type, instances.create(hasherClass, ParamHasher.class)));
		}
		return registrations;
	}

	static ParamHashers applicationHashers(ConfigurableListableBeanFactory factory) {
		List<ParamHashers.Registration> registrations = new ArrayList<>();
		for (String name : factory.getBeanNamesForType(ParamHasher.class)) {
			ResolvableType beanType = factory.containsBeanDefinition(name)
					? factory.getMergedBeanDefinition(name).getResolvableType() : ResolvableType.NONE;
			Object hasher = factory.getBean(name);
			Class<?> type = beanType.as(ParamHasher.class).resolveGeneric(0);
			if (type == null) {
				type = ResolvableType.forClass(hasher.getClass()).as(ParamHasher.class).resolveGeneric(0);
			}
			if (type == null) {
				throw new DuocacheException("Cannot tell which argument type the ParamHasher bean '" + name
						+ "' applies to. To fix this, declare its type: return ParamHasher<MyType> from the @Bean "
						+ "method, or write a class that implements ParamHasher<MyType>.");
			}
			registrations.add(ParamHashers.Registration.of(type, (ParamHasher<?>) hasher));
		}
		return ParamHashers.of(SpringDataHashers.registrations()).overriddenBy(registrations);
	}

	/** Creates instances of the classes an annotation names, through the bean factory. */
	@FunctionalInterface
	interface Instances {

		<T> T create(Class<?> type, Class<? super T> contract);

	}

}
