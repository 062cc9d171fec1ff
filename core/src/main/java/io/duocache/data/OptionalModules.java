package io.duocache.data;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JacksonModule;

/**
 * The data mapper's modules for libraries an application may or may not have: Hibernate, Spring
 * Data and Kotlin (jackson-module-kotlin). Each is loaded only where its library is on the class path.
 */
final class OptionalModules {

	private static final ClassLoader LOADER = OptionalModules.class.getClassLoader();

	static final boolean HIBERNATE = ClassUtils.isPresent("org.hibernate.proxy.HibernateProxy", LOADER);

	static final boolean SPRING_DATA = ClassUtils.isPresent("org.springframework.data.domain.Page", LOADER);

	static final boolean KOTLIN = ClassUtils.isPresent("tools.jackson.module.kotlin.KotlinModule", LOADER)
			&& ClassUtils.isPresent("kotlin.reflect.full.KClasses", LOADER);

	private OptionalModules() {
	}

	static List<JacksonModule> present() {
		List<JacksonModule> modules = new ArrayList<>();
		if (HIBERNATE) {
			modules.add(new HibernateModule());
		}
		if (SPRING_DATA) {
			modules.add(new SpringDataModule());
		}
		if (KOTLIN) {
			modules.add(new tools.jackson.module.kotlin.KotlinModule.Builder().build());
		}
		return modules;
	}

	/**
	 * Returns what a value stands for: the entity of an initialized Hibernate proxy, else
	 * the value itself.
	 * @throws LazyAssociationException if it is a proxy that was never initialized
	 */
	static @Nullable Object unproxy(@Nullable Object value) {
		return (HIBERNATE && value != null) ? HibernateModule.unproxy(value) : value;
	}

	/** Whether a value is one of Spring Data's, written field by field by its module. */
	static boolean isSpringDataValue(Object value) {
		return SPRING_DATA && SpringDataModule.isValue(value);
	}

	/** The content of a Spring Data page, slice or window, else {@code null}. */
	static @Nullable Object springDataContent(Object value) {
		return SpringDataModule.contentOf(value);
	}

	/** Whether values declared as this type are read back by a module even though it is an interface. */
	static boolean reads(Class<?> type) {
		return SPRING_DATA && SpringDataModule.reads(type);
	}

}
