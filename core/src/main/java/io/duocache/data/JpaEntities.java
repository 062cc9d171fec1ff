package io.duocache.data;

import java.lang.annotation.Annotation;

/**
 * Recognises JPA entities and the fields Hibernate adds to them by name, so that nothing here needs
 * JPA or Hibernate on the class path.
 */
final class JpaEntities {

	private static final String ENTITY = "jakarta.persistence.Entity";

	/** The prefix of the fields Hibernate's bytecode enhancement and proxies add to entity classes. */
	private static final String FRAMEWORK_FIELD_PREFIX = "$$_hibernate_";

	private static final ClassValue<Boolean> ENTITIES = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
				for (Annotation annotation : current.getDeclaredAnnotations()) {
					if (annotation.annotationType().getName().equals(ENTITY)) {
						return true;
					}
				}
			}
			return false;
		}
	};

	private JpaEntities() {
	}

	/** Whether a class is a JPA entity, or a subclass (a proxy) of one. */
	static boolean isEntity(Class<?> type) {
		return ENTITIES.get(type);
	}

	/** Whether a field is one Hibernate added to an entity class, never part of its data. */
	static boolean isFrameworkField(String name) {
		return name.startsWith(FRAMEWORK_FIELD_PREFIX);
	}

}
