package io.duocache.data;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.fasterxml.jackson.annotation.SimpleObjectIdResolver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.introspect.ObjectIdInfo;
import tools.jackson.databind.introspect.VisibilityChecker;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.util.NameTransformer;

/**
 * What the data mapper takes from annotations: how a value is built (creators, builders) and which
 * subtype it is, but none of the annotations that shape an application's web JSON ({@code @JsonIgnore},
 * {@code @JsonProperty} names and access, {@code @JsonView}, {@code @JsonFormat}, {@code @JsonInclude},
 * {@code @JsonValue}, {@code @JsonUnwrapped}, custom serializers and converters), so a copy holds every
 * field as it is. JPA entities are written with object identities, so an entity reached twice (both
 * ends of a bidirectional association) is one object in the copy too.
 */
final class DataAnnotations extends JacksonAnnotationIntrospector {

	private static final long serialVersionUID = 1L;

	private static final ObjectIdInfo ENTITY_IDENTITY = new ObjectIdInfo(PropertyName.construct("@ref"),
			Object.class, ObjectIdGenerators.IntSequenceGenerator.class, SimpleObjectIdResolver.class);

	@Override
	public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember member) {
		return JpaEntities.isFrameworkField(member.getName());
	}

	@Override
	public @Nullable ObjectIdInfo findObjectIdInfo(MapperConfig<?> config, Annotated annotated) {
		if (annotated instanceof AnnotatedClass type && JpaEntities.isEntity(type.getRawType())) {
			return ENTITY_IDENTITY;
		}
		return super.findObjectIdInfo(config, annotated);
	}

	/**
	 * Builds entities through their no-argument constructor, which JPA requires, and their fields: a
	 * constructor that takes properties cannot be called before the entities it refers to exist,
	 * and an entity graph may refer back to the entity being built.
	 */
	@Override
	public JsonCreator.@Nullable Mode findCreatorAnnotation(MapperConfig<?> config, Annotated annotated) {
		if (annotated instanceof AnnotatedWithParams creator && creator.getParameterCount() > 0
				&& JpaEntities.isEntity(creator.getDeclaringClass())) {
			return JsonCreator.Mode.DISABLED;
		}
		return super.findCreatorAnnotation(config, annotated);
	}

	@Override
	public @Nullable Boolean isIgnorableType(MapperConfig<?> config, AnnotatedClass type) {
		return null;
	}

	@Override
	public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
		return JsonIgnoreProperties.Value.empty();
	}

	@Override
	public JsonIncludeProperties.Value findPropertyInclusionByName(MapperConfig<?> config, Annotated annotated) {
		return JsonIncludeProperties.Value.all();
	}

	@Override
	public VisibilityChecker findAutoDetectVisibility(MapperConfig<?> config, AnnotatedClass type,
			VisibilityChecker checker) {
		return checker;
	}

	@Override
	public @Nullable PropertyName findNameForSerialization(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	/** Names come from fields and, for creators, from parameter names; only a parameter without one keeps its annotation. */
	@Override
	public @Nullable PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated annotated) {
		if (annotated instanceof AnnotatedParameter parameter && findImplicitPropertyName(config, parameter) == null) {
			return super.findNameForDeserialization(config, annotated);
		}
		return null;
	}

	@Override
	public @Nullable PropertyName findRenameByField(MapperConfig<?> config, AnnotatedField field, PropertyName implicit) {
		return null;
	}

	@Override
	public @Nullable List<PropertyName> findPropertyAliases(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public JsonProperty.@Nullable Access findPropertyAccess(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public Class<?> @Nullable [] findViews(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public JsonFormat.Value findFormat(MapperConfig<?> config, Annotated annotated) {
		return JsonFormat.Value.empty();
	}

	@Override
	public JsonInclude.Value findPropertyInclusion(MapperConfig<?> config, Annotated annotated) {
		return JsonInclude.Value.empty();
	}

	@Override
	public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated annotated) {
		return JsonSetter.Value.empty();
	}

	@Override
	public @Nullable Boolean findMergeInfo(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findSerializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findKeySerializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findContentSerializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findNullSerializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findSerializationConverter(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findSerializationContentConverter(MapperConfig<?> config, AnnotatedMember member) {
		return null;
	}

	@Override
	public @Nullable Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findKeyDeserializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findContentDeserializer(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findDeserializationConverter(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Object findDeserializationContentConverter(MapperConfig<?> config, AnnotatedMember member) {
		return null;
	}

	@Override
	public JavaType refineSerializationType(MapperConfig<?> config, Annotated annotated, JavaType baseType) {
		return baseType;
	}

	@Override
	public JavaType refineDeserializationType(MapperConfig<?> config, Annotated annotated, JavaType baseType) {
		return baseType;
	}

	@Override
	public @Nullable Boolean hasAsValue(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Boolean hasAsKey(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Boolean hasAnyGetter(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable NameTransformer findUnwrappingNameTransformer(MapperConfig<?> config, AnnotatedMember member) {
		return null;
	}

	@Override
	public @Nullable Object findNamingStrategy(MapperConfig<?> config, AnnotatedClass type) {
		return null;
	}

	@Override
	public @Nullable Object findEnumNamingStrategy(MapperConfig<?> config, AnnotatedClass type) {
		return null;
	}

	@Override
	public String[] findEnumValues(MapperConfig<?> config, AnnotatedClass type, Enum<?>[] values, String[] names) {
		return names;
	}

	@Override
	public void findEnumAliases(MapperConfig<?> config, AnnotatedClass type, Enum<?>[] values, String[][] aliases) {
	}

	@Override
	public @Nullable Enum<?> findDefaultEnumValue(MapperConfig<?> config, AnnotatedClass type, Enum<?>[] values) {
		return null;
	}

	@Override
	public @Nullable Object findFilterId(MapperConfig<?> config, Annotated annotated) {
		return null;
	}

	@Override
	public @Nullable PropertyName findRootName(MapperConfig<?> config, AnnotatedClass type) {
		return null;
	}

	@Override
	public void findAndAddVirtualProperties(MapperConfig<?> config, AnnotatedClass type,
			List<BeanPropertyWriter> properties) {
	}

	@Override
	public @Nullable Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
		return null;
	}

}
