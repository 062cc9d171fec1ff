package io.duocache.data;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Writes Spring Data's values: a page or a slice as its content, pageable and total or next-slice
 * flag, a window as its content, the scroll position of every element and its next flag, pageables,
 * sorts and scroll positions field by field, the keys of a keyset position with their class.
 */
final class SpringDataSerializers implements Serializers {


	@Override
	public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
			BeanDescription.Supplier beanDesc, JsonFormat.@Nullable Value formatOverrides) {
		Class<?> raw = type.getRawClass();
		if (Page.class.isAssignableFrom(raw)) {
			return new ChunkSerializer<Page<?>>(Page.class,
					(page, gen, ctxt) -> gen.writeNumberProperty("total", page.getTotalElements()));
		}
		if (Slice.class.isAssignableFrom(raw)) {
			return new ChunkSerializer<Slice<?>>(Slice.class,
					(slice, gen, ctxt) -> gen.writeBooleanProperty("hasNext", slice.hasNext()));
		}
		if (Window.class.isAssignableFrom(raw)) {
			return new WindowSerializer();
		}
		if (Pageable.class.isAssignableFrom(raw)) {
			return new PageableSerializer();
		}
		if (Sort.class.isAssignableFrom(raw)) {
			return new SortSerializer();
		}
		if (ScrollPosition.class.isAssignableFrom(raw)) {
			return new ScrollPositionSerializer();
		}
		return null;
	}

	@FunctionalInterface
	private interface Extra<T> {

		void write(T value, JsonGenerator gen, SerializationContext ctxt);

	}

	/** Writes a page or a slice: its content, its pageable and what else the kind has. */
	private static final class ChunkSerializer<T extends Slice<?>> extends StdSerializer<T> {

		private final Extra<T> extra;

		@SuppressWarnings({ "unchecked", "rawtypes" })
		ChunkSerializer(Class type, Extra<T> extra) {
			super((Class<T>) type);
			this.extra = extra;
		}

		@Override
		public void serialize(T chunk, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(chunk);
			gen.writeName("content");
			ctxt.writeValue(gen, chunk.getContent());
			gen.writeName("pageable");
			ctxt.writeValue(gen, chunk.getPageable());
			this.extra.write(chunk, gen, ctxt);
			gen.writeEndObject();
		}

	}

	private static final class WindowSerializer extends StdSerializer<Window<?>> {

		WindowSerializer() {
			super(Window.class);
		}

		@Override
		public void serialize(Window<?> window, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(window);
			gen.writeName("content");
			ctxt.writeValue(gen, window.getContent());
			gen.writeName("positions");
			gen.writeStartArray(window, window.size());
			for (int i = 0; i < window.size(); i++) {
				ctxt.writeValue(gen, window.positionAt(i));
			}
			gen.writeEndArray();
			gen.writeBooleanProperty("hasNext", window.hasNext());
			gen.writeEndObject();
		}

	}

	private static final class PageableSerializer extends StdSerializer<Pageable> {

		PageableSerializer() {
			super(Pageable.class);
		}

		@Override
		public void serialize(Pageable pageable, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(pageable);
			if (pageable.isPaged()) {
				gen.writeNumberProperty("page", pageable.getPageNumber());
				gen.writeNumberProperty("size", pageable.getPageSize());
			}
			gen.writeName("sort");
			ctxt.writeValue(gen, pageable.getSort());
			gen.writeEndObject();
		}

	}

	private static final class SortSerializer extends StdSerializer<Sort> {

		SortSerializer() {
			super(Sort.class);
		}

		@Override
		public void serialize(Sort sort, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartArray(sort);
			for (Sort.Order order : sort) {
				gen.writeStartObject(order);
				gen.writeStringProperty("property", order.getProperty());
				gen.writeStringProperty("direction", order.getDirection().name());
				gen.writeBooleanProperty("ignoreCase", order.isIgnoreCase());
				gen.writeStringProperty("nullHandling", order.getNullHandling().name());
				gen.writeEndObject();
			}
			gen.writeEndArray();
		}

	}

	private static final class ScrollPositionSerializer extends StdSerializer<ScrollPosition> {

		ScrollPositionSerializer() {
			super(ScrollPosition.class);
		}

		@Override
		public void serialize(ScrollPosition position, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(position);
			if (position instanceof OffsetScrollPosition offset) {
				gen.writeStringProperty("kind", "offset");
				if (!offset.isInitial()) {
					gen.writeNumberProperty("offset", offset.getOffset());
				}
			}
			else if (position instanceof KeysetScrollPosition keyset) {
				gen.writeStringProperty("kind", "keyset");
				gen.writeStringProperty("direction", keyset.getDirection().name());
				gen.writeName("keys");
				gen.writeStartObject(keyset.getKeys());
				for (Map.Entry<String, Object> key : keyset.getKeys().entrySet()) {
					gen.writeName(key.getKey());
					writeKeyValue(key.getValue(), gen, ctxt);
				}
				gen.writeEndObject();
			}
			else {
				ctxt.reportMappingProblem("a scroll position of type %s cannot be copied", position.getClass().getName());
			}
			gen.writeEndObject();
		}

		/** Writes a key with its class, so it is read back as the same type, not as the number JSON would give. */
		private static void writeKeyValue(@Nullable Object value, JsonGenerator gen, SerializationContext ctxt) {
			if (value == null) {
				gen.writeNull();
				return;
			}
			if (!SpringDataModule.KEY_VALUE_PACKAGES.contains(value.getClass().getPackageName())) {
				ctxt.reportMappingProblem("a keyset position holds a %s, which cannot be copied with its type",
						value.getClass().getName());
			}
			gen.writeStartArray();
			gen.writeString(value.getClass().getName());
			ctxt.writeValue(gen, value);
			gen.writeEndArray();
		}

	}

}
