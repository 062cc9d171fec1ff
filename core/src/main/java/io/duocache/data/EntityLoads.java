package io.duocache.data;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The JPA entities Hibernate loads on a thread while a cached method computes there: what its value
 * depends on. Beyond a bound an entry keeps only the entity types.
 */
public final class EntityLoads {

	private static final ThreadLocal<@Nullable Recording> CURRENT = new ThreadLocal<>();

	private EntityLoads() {
	}

	/**
	 * Starts recording what the calling thread loads; a recording started inside another (a nested
	 * cached call) also counts for the outer one.
	 * @param maxEntities how many entities the recording keeps before it keeps only their types
	 * @return the recording, to be stopped in a {@code finally}
	 */
	static Recording start(int maxEntities) {
		Recording recording = new Recording(CURRENT.get(), maxEntities);
		CURRENT.set(recording);
		return recording;
	}

	static void stop(Recording recording) {
		CURRENT.set(recording.outer);
		if (recording.outer != null) {
			recording.outer.addAll(recording);
		}
	}

	/**
	 * Records that Hibernate loaded an entity on the calling thread.
	 * @param entityName the entity's name
	 * @param id its identifier
	 */
	public static void loaded(String entityName, @Nullable Object id) {
		Recording recording = CURRENT.get();
		if (recording != null) {
			recording.add(entityName, id);
		}
	}

	/** What one computation loaded: the identifiers of its entities by entity name. */
	static final class Recording {

		private final @Nullable Recording outer;

		private final int maxEntities;

		/** The identifiers by entity name; only the names once {@link #overflowed}. */
		final Map<String, Set<Object>> ids = new HashMap<>();

		private int entities;

		/** Whether more entities were loaded than the bound, so that only the types say what it holds. */
		boolean overflowed;

		private Recording(@Nullable Recording outer, int maxEntities) {
			this.outer = outer;
			this.maxEntities = maxEntities;
		}

		void add(String entityName, @Nullable Object id) {
			Set<Object> ofType = this.ids.computeIfAbsent(entityName, (name) -> new HashSet<>());
			if (this.overflowed) {
				return;
			}
			if (id == null) {
				overflow();
			}
			else if (ofType.add(id) && ++this.entities > this.maxEntities) {
				overflow();
			}
		}

		private void overflow() {
			this.overflowed = true;
			this.ids.values().forEach(Set::clear);
		}

		private void addAll(Recording inner) {
			if (inner.overflowed) {
				inner.ids.keySet().forEach((name) -> this.ids.computeIfAbsent(name, (type) -> new HashSet<>()));
				if (!this.overflowed) {
					overflow();
				}
				return;
			}
			inner.ids.forEach((name, innerIds) -> innerIds.forEach((id) -> add(name, id)));
		}

		boolean isEmpty() {
			return this.ids.isEmpty();
		}

	}

}
