package io.duocache.aop;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import io.duocache.code.CodeHasher;
import io.duocache.config.Tier;

/**
 * What ahead-of-time processing adds for the beans with cached methods: the code hash of every cached
 * method with bytecode, written to {@value CodeHasher#BUILT_HASHES} (a native image has no class files
 * to hash), and the runtime hints their caches need — the methods themselves, the classes their
 * annotations name (hashers, validators, releasers, created reflectively), the types the data mapper
 * reads and writes (return types) and the argument types keys are hashed from.
 */
final class CachedMethodsAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final MemberCategory[] CREATED_BY_THE_BEAN_FACTORY = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Map<Class<?>, List<CacheDeclaration>> cachedTypes = cachedTypes(beanFactory);
		if (cachedTypes.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			RuntimeHints hints = generationContext.getRuntimeHints();
			CodeHasher codeHasher = new CodeHasher();
			Map<String, String> hashes = new TreeMap<>();
			cachedTypes.forEach((type, declarations) -> {
				hints.reflection().registerType(type);
				for (CacheDeclaration declaration : declarations) {
					Method method = declaration.method();
					if (!Modifier.isAbstract(method.getModifiers())) {
						hashes.put(CodeHasher.builtName(method), codeHasher.hash(method).toHex());
					}
					registerHints(hints.reflection(), declaration, type);
				}
			});
			generationContext.getGeneratedFiles().addResourceFile(CodeHasher.BUILT_HASHES, properties(hashes));
			hints.resources().registerPattern(CodeHasher.BUILT_HASHES);
		};
	}

	/**
	 * Returns the bean types with cached methods and their declarations: a bean's class, or the
	 * interface a factory bean makes (a Spring Data repository).
	 */
	private static Map<Class<?>, List<CacheDeclaration>> cachedTypes(ConfigurableListableBeanFactory beanFactory) {
		CachedMethodScanner scanner = new CachedMethodScanner();
		Map<Class<?>, List<CacheDeclaration>> cachedTypes = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(beanName, false);
			if (type == null) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!cachedTypes.containsKey(userClass) && CachedMethodScanner.isCandidate(userClass)) {
				List<CacheDeclaration> declarations = scanner.scan(userClass);
				if (!declarations.isEmpty()) {
					cachedTypes.put(userClass, declarations);
				}
			}
		}
		return cachedTypes;
	}

	private static void registerHints(ReflectionHints reflection, CacheDeclaration declaration, Class<?> type) {
		Method method = declaration.method();
		reflection.registerMethod(method, ExecutableMode.INVOKE);
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		if (declaration.tier() == Tier.DATA) {
			ResolvableType returnType = ResolvableType.forMethodReturnType(method, type);
			for (Type copied : fieldTypes(ReturnKind.of(method).cachedType(returnType))) {
				bindings.registerReflectionHints(reflection, copied);
			}
		}
		for (int index = 0; index < method.getParameterCount(); index++) {
			bindings.registerReflectionHints(reflection, ResolvableType.forMethodParameter(method, index, type).getType());
		}
		List<Class<?>> created = new ArrayList<>(declaration.hashers());
		created.add(declaration.validator());
		created.add(declaration.releaser());
		for (Class<?> createdType : created) {
			reflection.registerType(createdType, CREATED_BY_THE_BEAN_FACTORY);
		}
	}

	/**
	 * Returns a type and every type reachable from it through type arguments and declared fields,
	 * superclasses' included: the data mapper copies every field, also those without a getter, which
	 * Spring's binding hints alone do not reach.
	 */
	private static Set<Type> fieldTypes(ResolvableType root) {
		Set<Type> found = new LinkedHashSet<>();
		Set<Class<?>> walked = new HashSet<>();
		Deque<ResolvableType> pending = new ArrayDeque<>(List.of(root));
		while (!pending.isEmpty()) {
			ResolvableType type = pending.poll();
			Class<?> raw = type.resolve();
			if (raw == null || !found.add(type.getType())) {
				continue;
			}
			pending.addAll(List.of(type.getGenerics()));
			if (raw.isArray()) {
				pending.add(type.getComponentType());
				continue;
			}
			for (Class<?> current = raw; current != null && current != Object.class
					&& !current.getName().startsWith("java."); current = current.getSuperclass()) {
				if (!walked.add(current)) {
					break;
				}
				for (Field field : current.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						pending.add(ResolvableType.forField(field, type));
					}
				}
			}
		}
		return found;
	}

	/** Writes the hashes as a properties file, in order and without a date, so a build repeats it byte for byte. */
	private static String properties(Map<String, String> hashes) {
		StringBuilder text = new StringBuilder("# Code hashes of cached methods, by class, name and descriptor\n");
		hashes.forEach((name, hash) -> {
			name.chars().forEach((c) -> text.append((c < 0x7f) ? Character.toString(c) : String.format("\\u%04x", c)));
			text.append('=').append(hash).append('\n');
		});
		return text.toString();
	}

}
