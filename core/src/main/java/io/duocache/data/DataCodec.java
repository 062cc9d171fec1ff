package io.duocache.data;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileWriteFeature;

import io.duocache.DataCodecCustomizer;

/**
 * The Smile mapper that copies data values: fields are read and written directly (not through
 * getters or setters), records and {@code java.time} work (zones and offsets kept), primitive arrays
 * are raw binary, and no type information is ever written. The Jackson annotations that shape an
 * application's web JSON are ignored, sets are read back in the order they were written, and
 * Hibernate's and Spring Data's values are written as the data they stand for where those libraries
 * are present.
 */
public final class DataCodec {

	private static final byte[] EMPTY_OBJECT = SmileMapper.shared().writeValueAsBytes(Map.of());

	private final ObjectMapper mapper;

	private final boolean customized;

	/**
	 * Creates the codec.
	 * @param customizers applied in order after Duocache's own configuration
	 */
	public DataCodec(List<DataCodecCustomizer> customizers) {
		SmileMapper.Builder builder = SmileMapper.builder()
			.disable(SmileWriteFeature.ENCODE_BINARY_AS_7BIT)
			.changeDefaultVisibility((checker) -> checker.withFieldVisibility(Visibility.ANY)
				.withGetterVisibility(Visibility.NONE)
				.withIsGetterVisibility(Visibility.NONE)
				.withSetterVisibility(Visibility.NONE)
				.withCreatorVisibility(Visibility.ANY))
			.enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS, MapperFeature.INFER_PROPERTY_MUTATORS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
			.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.annotationIntrospector(new DataAnnotations())
			.addModule(PrimitiveArrays.module())
			.addModule(new SimpleModule("duocache-collections").addAbstractTypeMapping(Set.class, LinkedHashSet.class))
			.addModules(OptionalModules.present());
		customizers.forEach((customizer) -> customizer.customize(builder));
		this.mapper = builder.build();
		this.customized = !customizers.isEmpty();
	}

	/**
	 * Returns whether the application customized the mapper, so that only Jackson itself knows how a
	 * value is written and read.
	 * @return whether there were customizers
	 */
	public boolean isCustomized() {
		return this.customized;
	}

	/**
	 * Returns the mapper.
	 * @return the mapper
	 */
	public ObjectMapper mapper() {
		return this.mapper;
	}

	/**
	 * Returns whether values declared as {@code type} are copied through their runtime class,
	 * because the declared type says too little to read them back: {@code Object} and interfaces
	 * other than collections, maps and Spring Data's values.
	 * @param type the declared type
	 * @return whether the type is too vague
	 */
	public static boolean isVague(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw == Object.class) {
			return true;
		}
		if (type.isContainerType() || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
			return false;
		}
		return raw.isInterface() && !OptionalModules.reads(raw);
	}

	/**
	 * Returns why values of a concrete type can never be read back, or {@code null} when Jackson can
	 * build them.
	 * @param type a declared type that is not vague
	 * @return the reason, or {@code null}
	 */
	public @Nullable String whyUnreadable(JavaType type) {
		try {
			this.mapper.readerFor(type).readValue(EMPTY_OBJECT);
			return null;
		}
		catch (InvalidDefinitionException ex) {
			return ex.getOriginalMessage();
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
