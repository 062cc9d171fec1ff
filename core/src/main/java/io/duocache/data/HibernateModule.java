package io.duocache.data;

import java.util.Collection;
import java.util.Map;

import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.LazyInitializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Writes what Hibernate hands out as the plain data it stands for: an initialized proxy as the entity
 * it wraps, a Hibernate collection as its elements (read back as the JDK collection of its declared
 * kind), and an uninitialized proxy or collection as a {@link LazyAssociationException} instead of
 * a query, a Hibernate exception or a silent {@code null}. Only loaded where Hibernate is on the
 * class path.
 */
final class HibernateModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	HibernateModule() {
		super("duocache-hibernate");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addSerializers(new HibernateSerializers());
	}

	/**
	 * Returns the entity an initialized proxy stands for, or the value itself: a writer for the
	 * declared type of a whole value, or a field-by-field comparison, would read the proxy's own empty
	 * fields.
	 * @throws LazyAssociationException if the proxy was never initialized
	 */
	static Object unproxy(Object value) {
		if (value instanceof HibernateProxy proxy) {
			LazyInitializer initializer = proxy.getHibernateLazyInitializer();
			if (initializer.isUninitialized()) {
				throw LazyAssociationException.whole(initializer.getEntityName());
			}
			return initializer.getImplementation();
		}
		return value;
	}

	/** Refuses a collection association that was never loaded, rather than loading or skipping it. */
	private static void checkInitialized(PersistentCollection<?> collection, JsonGenerator gen) {
		if (!collection.wasInitialized()) {
			throw LazyAssociationException.at(gen.streamWriteContext(), String.valueOf(collection.getRole()));
		}
	}

	private static final class HibernateSerializers implements Serializers {

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, tools.jackson.databind.JavaType type,
				BeanDescription.Supplier beanDesc, JsonFormat.@Nullable Value formatOverrides) {
			return HibernateProxy.class.isAssignableFrom(type.getRawClass()) ? new ProxySerializer() : null;
		}

		@Override
		public @Nullable ValueSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
				BeanDescription.Supplier beanDesc, JsonFormat.@Nullable Value formatOverrides,
				@Nullable TypeSerializer elementTypeSerializer, @Nullable ValueSerializer<Object> elementValueSerializer) {
			return PersistentCollection.class.isAssignableFrom(type.getRawClass()) ? new CollectionSerializer() : null;
		}

		@Override
		public @Nullable ValueSerializer<?> findMapSerializer(SerializationConfig config, MapType type,
				BeanDescription.Supplier beanDesc, JsonFormat.@Nullable Value formatOverrides,
				@Nullable ValueSerializer<Object> keySerializer, @Nullable TypeSerializer elementTypeSerializer,
				@Nullable ValueSerializer<Object> elementValueSerializer) {
			return PersistentCollection.class.isAssignableFrom(type.getRawClass()) ? new MapSerializer() : null;
		}

	}

	private static final class ProxySerializer extends StdSerializer<HibernateProxy> {

		ProxySerializer() {
			super(HibernateProxy.class);
		}

		@Override
		public void serialize(HibernateProxy proxy, JsonGenerator gen, SerializationContext ctxt) {
			LazyInitializer initializer = proxy.getHibernateLazyInitializer();
			if (initializer.isUninitialized()) {
				throw LazyAssociationException.at(gen.streamWriteContext(), initializer.getEntityName());
			}
			ctxt.writeValue(gen, initializer.getImplementation());
		}

	}

	private static final class CollectionSerializer extends StdSerializer<Collection<?>> {

		CollectionSerializer() {
			super(Collection.class);
		}

		@Override
		public void serialize(Collection<?> collection, JsonGenerator gen, SerializationContext ctxt) {
			checkInitialized((PersistentCollection<?>) collection, gen);
			gen.writeStartArray(collection, collection.size());
			for (Object element : collection) {
				ctxt.writeValue(gen, element);
			}
			gen.writeEndArray();
		}

	}

	private static final class MapSerializer extends StdSerializer<Map<?, ?>> {

		MapSerializer() {
			super(Map.class);
		}

		@Override
		public void serialize(Map<?, ?> map, JsonGenerator gen, SerializationContext ctxt) {
			checkInitialized((PersistentCollection<?>) map, gen);
			gen.writeStartObject(map);
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				Object key = entry.getKey();
				if (key == null) {
					ctxt.reportMappingProblem("a map association holds a null key");
				}
				ctxt.findKeySerializer(key.getClass(), null).serialize(key, gen, ctxt);
				ctxt.writeValue(gen, entry.getValue());
			}
			gen.writeEndObject();
		}

	}

}
