package io.duocache.data;

import java.util.Set;

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
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes and reads Spring Data's values as what they are: a {@link Page} with its content,
 * pageable and total, a {@link Slice} with its content, pageable and whether a next slice exists, a
 * {@link Window} with its content, the scroll position of every element and whether it has more, and
 * {@link Pageable}, {@link Sort} and {@link ScrollPosition} field by field. Only loaded where Spring
 * Data is on the class path.
 */
final class SpringDataModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	/** The value classes a keyset position's keys may hold, written with their class. */
	static final Set<String> KEY_VALUE_PACKAGES = Set.of("java.lang", "java.math", "java.time", "java.util");

	SpringDataModule() {
		super("duocache-spring-data");
	}

	/** Whether values declared as this type are read back by this module. */
	static boolean reads(Class<?> type) {
		return type == Page.class || type == PageImpl.class || type == Slice.class || type == SliceImpl.class
				|| type == Window.class || type == Pageable.class || type == PageRequest.class || type == Sort.class
				|| type == ScrollPosition.class || type == OffsetScrollPosition.class
				|| type == KeysetScrollPosition.class;
	}

	/**
	 * Returns what a Spring Data value holds that a copy must hold alike: the content of a page,
	 * slice or window; {@code null} for the values that are written whole (pageables, sorts, positions).
	 */
	static @Nullable Object contentOf(Object value) {
		if (value instanceof Slice<?> slice) {
			return slice.getContent();
		}
		if (value instanceof Window<?> window) {
			return window.getContent();
		}
		return null;
	}

	static boolean isValue(Object value) {
		return value instanceof Slice || value instanceof Window || value instanceof Pageable || value instanceof Sort
				|| value instanceof ScrollPosition;
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addSerializers(new SpringDataSerializers());
		context.addDeserializers(new SpringDataDeserializers());
	}

}
