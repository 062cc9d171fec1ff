package io.duocache.key;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.util.ClassUtils;

import io.duocache.ParamHasher;

/**
 * Hashes Spring Data's query arguments by what they ask for: a {@link Pageable} by page, size and
 * sort (or as unpaged with its sort), a {@link Sort} by each order's property, direction, null
 * handling and case, a {@link Limit} by its maximum, a {@link ScrollPosition} by its offset or its
 * keys and direction. The application's own hashers for these types win over these.
 */
public final class SpringDataHashers {

	private static final boolean PRESENT = ClassUtils.isPresent("org.springframework.data.domain.Pageable",
			SpringDataHashers.class.getClassLoader());

	private SpringDataHashers() {
	}

	/**
	 * Returns the hashers, or none where Spring Data is not on the class path.
	 * @return the registrations
	 */
	public static List<ParamHashers.Registration> registrations() {
		return PRESENT ? Loaded.registrations() : List.of();
	}

	/** Refers to Spring Data's types, so it is loaded only where they are present. */
	private static final class Loaded {

		static List<ParamHashers.Registration> registrations() {
			ParamHasher<Sort> sort = Loaded::sort;
			ParamHasher<Pageable> pageable = (value) -> value.isPaged()
					? List.of("paged", value.getPageNumber(), value.getPageSize(), sort(value.getSort()))
					: List.of("unpaged", sort(value.getSort()));
			ParamHasher<Limit> limit = (value) -> value.isLimited() ? List.of("limited", value.max())
					: List.of("unlimited");
			ParamHasher<ScrollPosition> position = Loaded::position;
			return List.of(ParamHashers.Registration.of(Sort.class, sort),
					ParamHashers.Registration.of(Pageable.class, pageable),
					ParamHashers.Registration.of(Limit.class, limit),
					ParamHashers.Registration.of(ScrollPosition.class, position));
		}

		private static List<Object> sort(Sort sort) {
			List<Object> orders = new ArrayList<>();
			for (Sort.Order order : sort) {
				orders.add(List.of(order.getProperty(), order.getDirection().name(), order.getNullHandling().name(),
						order.isIgnoreCase()));
			}
			return orders;
		}

		private static Object position(ScrollPosition position) {
			if (position instanceof OffsetScrollPosition offset) {
				return offset.isInitial() ? List.of("offset") : List.of("offset", offset.getOffset());
			}
			if (position instanceof KeysetScrollPosition keyset) {
				return List.of("keyset", keyset.getDirection().name(), keyset.getKeys());
			}
			throw new IllegalArgumentException("a scroll position of type " + position.getClass().getName()
					+ " is neither an offset nor a keyset");
		}

	}

}
