package io.duocache.data;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Which fields of a class are its data, as the data mapper writes them: every instance field that is
 * not {@code transient} and not one Hibernate added. Copy plans, the round-trip check and the shape
 * fingerprint all follow this one rule.
 */
final class DataFields {

	private DataFields() {
	}

	static boolean isData(Field field) {
		int modifiers = field.getModifiers();
		return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)
				&& !JpaEntities.isFrameworkField(field.getName());
	}

}
