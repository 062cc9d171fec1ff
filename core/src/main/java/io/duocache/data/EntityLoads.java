package io.duocache.data;

import java.util.HashSet;
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

	/** What one computation loaded: entities by name and id, and their types. */
	static final class Recording {

		private final @Nullable Recording outer;

		private final int maxEntities;

		final Set<String> entities = new HashSet<>();

		final Set<String> types = new HashSet<>();

		/** Whether more entities were loaded than the bound, so that only the types say what it holds. */
		boolean overflowed;

		private Recording(@Nullable Recording outer, int maxEntities) {
			this.outer = outer;
			this.maxEntities = maxEntities;
		}

		void add(String entityName, @Nullable Object id) {
			this.types.add(entityName);
			if (this.overflowed || id == null) {
				this.overflowed |= id == null;
				return;
			}
			this.entities.add(EntityDependencies.ref(entityName, id));
			if (this.entities.size() > this.maxEntities) {
				this.overflowed = true;
				this.entities.clear();
			}
		}

		private void addAll(Recording inner) {
			this.types.addAll(inner.types);
			if (inner.overflowed) {
				this.overflowed = true;
				this.entities.clear();
			}
			else if (!this.overflowed) {
				inner.entities.forEach((ref) -> {
					this.entities.add(ref);
					if (this.entities.size() > this.maxEntities) {
						this.overflowed = true;
						this.entities.clear();
					}
				});
			}
		}

		boolean isEmpty() {
			return this.types.isEmpty();
		}

	}

}
