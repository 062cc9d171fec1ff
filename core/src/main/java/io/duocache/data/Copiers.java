package io.duocache.data;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Plans a {@link Copier} for a declared type, once. A plan exists only where a direct copy is
 * exactly what Jackson's Smile round trip would give: leaves Jackson reads back equal (strings,
 * boxes, enums, {@code java.time}, UUIDs, big numbers) are shared; lists, sets and maps become the
 * classes Jackson builds for their declared types; arrays are cloned; records are rebuilt through
 * their canonical constructor and other classes through their no-argument constructor and every
 * non-transient field, each only when its exact class is the declared one and nothing on it speaks
 * to Jackson (annotations). JPA entities are copied the same way, once each however often the value
 * refers to them, so a copy has the graph's shape (back references point into the copy) exactly as the
 * object identities Jackson writes for them give; a page or slice of Spring Data is rebuilt around a
 * copy of its content. Anything else (a declared {@code Object} or interface, another JDK class, a
 * class Jackson is told how to handle) has no plan, and its values go through Smile.
 */
final class Copiers {

	private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class, Byte.class, Short.class,
			Character.class, Integer.class, Long.class, Float.class, Double.class, UUID.class, BigDecimal.class,
			BigInteger.class);

	static final Copier SHARED = new Copier() {

		@Override
		public @Nullable Object copy(@Nullable Object value) {
			return value;
		}

		@Override
		public boolean shares() {
			return true;
		}

	};

	private final TypeFactory types;

	/** Plans under construction, so a type that contains itself refers back to its own plan. */
	private final Map<JavaType, Recursive> planning = new HashMap<>();

	/** Whether the plan copies entities, whose copies must be shared across the whole value. */
	private boolean copiesEntities;

	private Copiers(TypeFactory types) {
		this.types = types;
	}

	/**
	 * Returns the copier for values declared as {@code type}, or {@code null} when they can only be
	 * copied through Smile.
	 * @param type the declared type
	 * @param types resolves the declared types of fields and elements
	 * @return the copier or {@code null}
	 */
	static @Nullable Copier forType(JavaType type, TypeFactory types) {
		try {
			Copiers copiers = new Copiers(types);
			Copier plan = copiers.plan(type);
			return (plan != null && copiers.copiesEntities) ? new EntityGraph(plan) : plan;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private @Nullable Copier plan(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw.isPrimitive() || LEAVES.contains(raw) || raw.isEnum() || isJavaTime(raw)) {
			return SHARED;
		}
		Recursive pending = this.planning.get(type);
		if (pending != null) {
			return pending;
		}
		Recursive recursive = new Recursive();
		this.planning.put(type, recursive);
		try {
			Copier copier = planContainerOrObject(type, raw);
			recursive.target = copier;
			return copier;
		}
		finally {
			this.planning.remove(type);
		}
	}

	private @Nullable Copier planContainerOrObject(JavaType type, Class<?> raw) {
		if (raw.isArray()) {
			return planArray(type, raw);
		}
		if (raw == Optional.class) {
			Copier content = plan(type.containedTypeOrUnknown(0));
			return (content == null) ? null : content.shares() ? SHARED : new OptionalCopier(content);
		}
		if (raw == List.class || raw == Collection.class || raw == ArrayList.class) {
			Copier element = plan(type.getContentType());
			return (element == null) ? null : new CollectionCopier(element, ArrayList::new, true);
		}
		if (raw == HashSet.class) {
			Copier element = plan(type.getContentType());
			return (element == null) ? null : new CollectionCopier(element, HashSet::new, false);
		}
		if (raw == Set.class || raw == LinkedHashSet.class) {
			Copier element = plan(type.getContentType());
			return (element == null) ? null : new CollectionCopier(element, LinkedHashSet::new, false);
		}
		if (raw == Map.class || raw == LinkedHashMap.class || raw == HashMap.class) {
			Copier key = plan(type.getKeyType());
			Copier value = plan(type.getContentType());
			if (key != SHARED || value == null) {
				return null;
			}
			return new MapCopier(value, (raw == HashMap.class) ? HashMap::new : LinkedHashMap::new);
		}
		if (OptionalModules.SPRING_DATA && SpringDataCopiers.isChunk(raw)) {
			JavaType content = type.containedTypeOrUnknown(0);
			Copier element = plan(content);
			return (element == null) ? null : SpringDataCopiers.chunk(raw, new CollectionCopier(element, ArrayList::new, true));
		}
		if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.getName().startsWith("java.")
				|| raw.getName().startsWith("javax.") || speaksToJackson(raw)) {
			return null;
		}
		return raw.isRecord() ? planRecord(type, raw) : planObject(type, raw);
	}

	private @Nullable Copier planArray(JavaType type, Class<?> raw) {
		Class<?> component = raw.getComponentType();
		if (component.isPrimitive()) {
			return new PrimitiveArrayCopier();
		}
		Copier element = plan(type.getContentType());
		return (element == null) ? null : new ObjectArrayCopier(component, element);
	}

	private @Nullable Copier planRecord(JavaType type, Class<?> raw) {
		RecordComponent[] components = raw.getRecordComponents();
		Class<?>[] parameterTypes = new Class<?>[components.length];
		Method[] accessors = new Method[components.length];
		Copier[] copiers = new Copier[components.length];
		boolean allShared = true;
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			if (component.getAnnotations().length > 0 || !component.getAccessor().trySetAccessible()) {
				return null;
			}
			Copier copier = plan(this.types.resolveMemberType(component.getGenericType(), type.getBindings()));
			if (copier == null) {
				return null;
			}
			parameterTypes[i] = component.getType();
			accessors[i] = component.getAccessor();
			copiers[i] = copier;
			allShared &= copier.shares();
		}
		Constructor<?> canonical;
		try {
			canonical = raw.getDeclaredConstructor(parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
		if (!canonical.trySetAccessible()) {
			return null;
		}
		return allShared ? new ExactClass(raw, SHARED) : new ExactClass(raw, new RecordCopier(canonical, accessors, copiers));
	}

	private @Nullable Copier planObject(JavaType type, Class<?> raw) {
		if ((raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) || raw.isAnonymousClass()
				|| raw.isLocalClass()) {
			return null;
		}
		Constructor<?> constructor;
		try {
			constructor = raw.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
		if (!constructor.trySetAccessible()) {
			return null;
		}
		List<Field> fields = new ArrayList<>();
		List<Copier> copiers = new ArrayList<>();
		for (Class<?> current = raw; current != Object.class; current = current.getSuperclass()) {
			if (current.getName().startsWith("java.") || (current != raw && speaksToJackson(current))) {
				return null;
			}
			JavaType declaring = type.findSuperType(current);
			for (Field field : current.getDeclaredFields()) {
				if (!DataFields.isData(field)) {
					continue;
				}
				if (field.isSynthetic() || !field.trySetAccessible()) {
					return null;
				}
				Copier copier = plan(this.types.resolveMemberType(field.getGenericType(), declaring.getBindings()));
				if (copier == null) {
					return null;
				}
				fields.add(field);
				copiers.add(copier);
			}
		}
		ObjectCopier copier = new ObjectCopier(constructor, fields.toArray(Field[]::new), copiers.toArray(Copier[]::new));
		if (JpaEntities.isEntity(raw)) {
			this.copiesEntities = true;
			return new ExactClass(raw, new EntityCopier(copier));
		}
		return new ExactClass(raw, copier);
	}

	/** Whether the class or a member of it carries an annotation, which may change how Jackson reads it. */
	private static boolean speaksToJackson(Class<?> type) {
		if (hasJacksonAnnotation(type)) {
			return true;
		}
		for (AccessibleObject member : type.getDeclaredFields()) {
			if (hasJacksonAnnotation(member)) {
				return true;
			}
		}
		for (AccessibleObject member : type.getDeclaredMethods()) {
			if (hasJacksonAnnotation(member)) {
				return true;
			}
		}
		for (AccessibleObject member : type.getDeclaredConstructors()) {
			if (hasJacksonAnnotation(member)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasJacksonAnnotation(java.lang.reflect.AnnotatedElement element) {
		for (Annotation annotation : element.getAnnotations()) {
			String name = annotation.annotationType().getName();
			if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isJavaTime(Class<?> type) {
		return type.getPackageName().equals("java.time") && !type.getSimpleName().equals("Clock");
	}

}
