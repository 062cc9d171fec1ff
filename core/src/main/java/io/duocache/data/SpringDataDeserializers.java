package io.duocache.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads back what {@link SpringDataSerializers} writes, as a {@code PageImpl}, {@code SliceImpl},
 * {@code Window}, {@code PageRequest} or unpaged {@code Pageable}, {@code Sort} and scroll position,
 * with the content read as the declared element type.
 */
final class SpringDataDeserializers implements Deserializers {


	@Override
	public @Nullable ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
			BeanDescription.Supplier beanDesc) {
		Class<?> raw = type.getRawClass();
		if (raw == Page.class || raw == PageImpl.class) {
			return new PageDeserializer(contentList(type, Page.class, config));
		}
		if (raw == Slice.class || raw == SliceImpl.class) {
			return new SliceDeserializer(contentList(type, Slice.class, config));
		}
		if (raw == Window.class) {
			return new WindowDeserializer(contentList(type, Window.class, config));
		}
		if (raw == Pageable.class || raw == PageRequest.class) {
			return new PageableDeserializer();
		}
		if (raw == Sort.class) {
			return new SortDeserializer();
		}
		if (raw == ScrollPosition.class || raw == OffsetScrollPosition.class || raw == KeysetScrollPosition.class) {
			return new ScrollPositionDeserializer();
		}
		return null;
	}

	@Override
	public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
		return SpringDataModule.reads(valueType);
	}

	private static JavaType contentList(JavaType type, Class<?> container, DeserializationConfig config) {
		JavaType[] parameters = type.findTypeParameters(container);
		JavaType content = (parameters.length == 1) ? parameters[0] : type.containedTypeOrUnknown(0);
		return config.getTypeFactory().constructCollectionType(List.class, content);
	}

	/** Reads the properties of an object, calling back for each with the parser on its value. */
	@FunctionalInterface
	private interface PropertyReader {

		void read(String name, JsonParser parser);

	}

	private abstract static class ObjectDeserializer<T> extends StdDeserializer<T> {

		ObjectDeserializer(Class<?> type) {
			super(type);
		}

		void readProperties(JsonParser parser, DeserializationContext ctxt, PropertyReader reader) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.START_OBJECT) {
				token = parser.nextToken();
			}
			while (token == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				reader.read(name, parser);
				token = parser.nextToken();
			}
			if (token != JsonToken.END_OBJECT) {
				ctxt.reportInputMismatch(this, "expected an object for a %s", handledType().getName());
			}
		}

		<V> V unknown(DeserializationContext ctxt, String name) {
			return ctxt.reportInputMismatch(this, "unknown property '%s' of a %s", name, handledType().getName());
		}

	}

	private static final class PageDeserializer extends ObjectDeserializer<Page<?>> {

		private final JavaType contentList;

		PageDeserializer(JavaType contentList) {
			super(Page.class);
			this.contentList = contentList;
		}

		@Override
		public Page<?> deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			Chunk chunk = new Chunk();
			long[] total = { 0 };
			readProperties(parser, ctxt, (name, p) -> {
				if (!chunk.read(name, p, ctxt, this.contentList)) {
					if (name.equals("total")) {
						total[0] = p.getLongValue();
					}
					else {
						unknown(ctxt, name);
					}
				}
			});
			return new PageImpl<>(chunk.content, chunk.pageable, total[0]);
		}

	}

	private static final class SliceDeserializer extends ObjectDeserializer<Slice<?>> {

		private final JavaType contentList;

		SliceDeserializer(JavaType contentList) {
			super(Slice.class);
			this.contentList = contentList;
		}

		@Override
		public Slice<?> deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			Chunk chunk = new Chunk();
			boolean[] hasNext = { false };
			readProperties(parser, ctxt, (name, p) -> {
				if (!chunk.read(name, p, ctxt, this.contentList)) {
					if (name.equals("hasNext")) {
						hasNext[0] = p.getBooleanValue();
					}
					else {
						unknown(ctxt, name);
					}
				}
			});
			return new SliceImpl<>(chunk.content, chunk.pageable, hasNext[0]);
		}

	}

	/** The content and pageable that pages and slices share, as read so far. */
	private static final class Chunk {

		List<Object> content = List.of();

		Pageable pageable = Pageable.unpaged();

		boolean read(String name, JsonParser parser, DeserializationContext ctxt, JavaType contentList) {
			if (name.equals("content")) {
				this.content = ctxt.readValue(parser, contentList);
				return true;
			}
			if (name.equals("pageable")) {
				this.pageable = ctxt.readValue(parser, Pageable.class);
				return true;
			}
			return false;
		}

	}

	private static final class WindowDeserializer extends ObjectDeserializer<Window<?>> {

		private final JavaType contentList;

		WindowDeserializer(JavaType contentList) {
			super(Window.class);
			this.contentList = contentList;
		}

		@Override
		public Window<?> deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			List<Object> content = new ArrayList<>();
			List<ScrollPosition> positions = new ArrayList<>();
			boolean[] hasNext = { false };
			readProperties(parser, ctxt, (name, p) -> {
				switch (name) {
					case "content" -> content.addAll(ctxt.readValue(p, this.contentList));
					case "positions" -> {
						for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
							positions.add(ctxt.readValue(p, ScrollPosition.class));
						}
					}
					case "hasNext" -> hasNext[0] = p.getBooleanValue();
					default -> unknown(ctxt, name);
				}
			});
			if (positions.size() != content.size()) {
				return ctxt.reportInputMismatch(this, "a window of %d elements with %d positions", content.size(),
						positions.size());
			}
			return Window.from(content, positions::get, hasNext[0]);
		}

	}

	private static final class PageableDeserializer extends ObjectDeserializer<Pageable> {

		PageableDeserializer() {
			super(Pageable.class);
		}

		@Override
		public Pageable deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			int[] pageAndSize = { -1, -1 };
			Sort[] sort = { Sort.unsorted() };
			readProperties(parser, ctxt, (name, p) -> {
				switch (name) {
					case "page" -> pageAndSize[0] = p.getIntValue();
					case "size" -> pageAndSize[1] = p.getIntValue();
					case "sort" -> sort[0] = ctxt.readValue(p, Sort.class);
					default -> unknown(ctxt, name);
				}
			});
			if (pageAndSize[0] < 0 || pageAndSize[1] < 1) {
				return Pageable.unpaged(sort[0]);
			}
			return PageRequest.of(pageAndSize[0], pageAndSize[1], sort[0]);
		}

	}

	private static final class SortDeserializer extends StdDeserializer<Sort> {

		SortDeserializer() {
			super(Sort.class);
		}

		@Override
		public Sort deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				return ctxt.reportInputMismatch(this, "expected an array of orders for a Sort");
			}
			List<Sort.Order> orders = new ArrayList<>();
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				Map<String, Object> order = ctxt.readValue(parser,
						ctxt.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
				Sort.Order read = new Sort.Order(Sort.Direction.valueOf((String) order.get("direction")),
						(String) order.get("property"), Sort.NullHandling.valueOf((String) order.get("nullHandling")));
				orders.add(Boolean.TRUE.equals(order.get("ignoreCase")) ? read.ignoreCase() : read);
			}
			return Sort.by(orders);
		}

	}

	private static final class ScrollPositionDeserializer extends ObjectDeserializer<ScrollPosition> {

		ScrollPositionDeserializer() {
			super(ScrollPosition.class);
		}

		@Override
		public ScrollPosition deserialize(JsonParser parser, DeserializationContext ctxt) throws JacksonException {
			String[] kindAndDirection = { "offset", ScrollPosition.Direction.FORWARD.name() };
			long[] offset = { -1 };
			Map<String, Object> keys = new LinkedHashMap<>();
			readProperties(parser, ctxt, (name, p) -> {
				switch (name) {
					case "kind" -> kindAndDirection[0] = p.getString();
					case "direction" -> kindAndDirection[1] = p.getString();
					case "offset" -> offset[0] = p.getLongValue();
					case "keys" -> readProperties(p, ctxt, (key, value) -> keys.put(key, readKeyValue(value, ctxt)));
					default -> unknown(ctxt, name);
				}
			});
			if (kindAndDirection[0].equals("keyset")) {
				return ScrollPosition.of(keys, ScrollPosition.Direction.valueOf(kindAndDirection[1]));
			}
			return (offset[0] < 0) ? ScrollPosition.offset() : ScrollPosition.offset(offset[0]);
		}

		private @Nullable Object readKeyValue(JsonParser parser, DeserializationContext ctxt) {
			if (parser.currentToken() == JsonToken.VALUE_NULL) {
				return null;
			}
			parser.nextToken();
			String className = parser.getString();
			Class<?> type;
			try {
				type = Class.forName(className, false, ScrollPosition.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				return ctxt.reportInputMismatch(this, "unknown key class %s", className);
			}
			if (!SpringDataModule.KEY_VALUE_PACKAGES.contains(type.getPackageName())) {
				return ctxt.reportInputMismatch(this, "key class %s is not a JDK value", className);
			}
			parser.nextToken();
			Object value = ctxt.readValue(parser, type);
			parser.nextToken();
			return value;
		}

	}

}
