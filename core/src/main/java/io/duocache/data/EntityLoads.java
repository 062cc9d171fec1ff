package io.duocache.data;

import java.time.temporal.Temporal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;

/**
 * The JPA entities a cached method's value depends on, recorded on the thread that computes it: those
 * Hibernate loads meanwhile, the types its queries read (whatever they found), and those its value
 * holds. Beyond a bound a recording keeps only the entity types.
 */
public final class EntityLoads {

	private static final ThreadLocal<@Nullable Recording> CURRENT = new ThreadLocal<>();

	private static final List<Identities> IDENTITIES = new CopyOnWriteArrayList<>();

	private EntityLoads() {
	}

	/**
	 * Starts recording what the calling thread loads; a recording started inside another (a nested
	 * cached call) also counts for the outer one.
	 * @return the recording, to be stopped in a {@code finally}
	 */
	static Recording start(DataCache cache, CacheKey key, int maxEntities, long startedAt) {
		Recording recording = new Recording(CURRENT.get(), cache, key, maxEntities, startedAt);
		CURRENT.set(recording);
		return recording;
	}

	static void stop(Recording recording) {
		CURRENT.set(recording.outer);
		if (recording.outer != null) {
			recording.outer.addAll(recording);
		}
	}

	/** Returns the calling thread's recording, or {@code null}. */
	static @Nullable Recording current() {
		return CURRENT.get();
	}

	/**
	 * Returns whether the calling thread records what a computation reads.
	 * @return whether a recording runs
	 */
	public static boolean recording() {
		return CURRENT.get() != null;
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

	/**
	 * Records that a query on the calling thread read the table of an entity type, so that a change
	 * of that type reaches the value even where the query loaded none of its entities.
	 * @param entityName the entity's name
	 */
	public static void queried(String entityName) {
		Recording recording = CURRENT.get();
		if (recording != null) {
			recording.addType(entityName);
		}
	}

	/**
	 * Records an entity the value being computed holds (it may have been loaded before the computation
	 * started); the copies of hits record nothing.
	 */
	static void held(Object entity) {
		Recording recording = CURRENT.get();
		if (recording == null || !recording.computing) {
			return;
		}
		for (Identities identities : IDENTITIES) {
			String entityName = identities.entityName(entity);
			if (entityName != null) {
				recording.add(entityName, identities.id(entity));
				return;
			}
		}
	}

	/**
	 * Registers how the entity objects of a persistence unit are named and identified.
	 * @param identities the persistence unit's entities
	 */
	public static void identifyWith(Identities identities) {
		IDENTITIES.add(identities);
	}

	/**
	 * Forgets how the entity objects of a closed persistence unit are identified.
	 * @param closed which of the registered identities to forget
	 */
	public static void forget(Predicate<Identities> closed) {
		IDENTITIES.removeIf(closed);
	}

	/** How the entity objects of a persistence unit are named and identified. */
	public interface Identities {

		/**
		 * Returns the name of an entity's type, or {@code null} for an object the unit does not map.
		 * @param entity the entity (or a proxy of one)
		 * @return its entity name, or {@code null}
		 */
		@Nullable String entityName(Object entity);

		/**
		 * Returns an entity's identifier.
		 * @param entity the entity
		 * @return its identifier, or {@code null} when it has none yet
		 */
		@Nullable Object id(Object entity);

	}

	/**
	 * Returns the text an identifier is compared by, here and on every instance, or {@code null} for
	 * an identifier with no stable text (a composite one), whose entity then counts by its type.
	 */
	static @Nullable String idText(@Nullable Object id) {
		if (id instanceof Number || id instanceof CharSequence || id instanceof UUID || id instanceof Character
				|| id instanceof Enum<?> || id instanceof Temporal) {
			return id.getClass().getSimpleName().charAt(0) + id.toString();
		}
		return null;
	}

	/** What one computation read: the identifiers of its entities by entity name. */
	static final class Recording {

		private final @Nullable Recording outer;

		final DataCache cache;

		final CacheKey key;

		private final int maxEntities;

		/** The change sequence when the call started: changes after it may not be in what it read. */
		final long startedAt;

		/** The position of the store's shared change log when the computation started, {@code -1} unknown. */
		long sharedStartedAt = -1;

		/** The identifiers (as {@link #idText}) by entity name; only the names once {@link #overflowed}. */
		private @Nullable Map<String, Set<String>> ids;

		private int entities;

		/** Whether more entities were loaded than the bound, so that only the types say what it holds. */
		boolean overflowed;

		/** Whether the call computes (a miss), so the entities its copy holds count. */
		boolean computing;

		/** Whether the computation's value is not to be stored, for it read something that changed. */
		boolean discarded;

		/** Counts what was added, so a record made earlier can tell whether it is still complete. */
		private int version;

		/** The {@link #version} an index last took a record of, {@code -1} for none. */
		int registered = -1;

		private Recording(@Nullable Recording outer, DataCache cache, CacheKey key, int maxEntities, long startedAt) {
			this.outer = outer;
			this.cache = cache;
			this.key = key;
			this.maxEntities = maxEntities;
			this.startedAt = startedAt;
		}

		private Set<String> ofType(String entityName) {
			if (this.ids == null) {
				this.ids = new HashMap<>();
			}
			Set<String> ofType = this.ids.get(entityName);
			if (ofType == null) {
				ofType = new HashSet<>();
				this.ids.put(entityName, ofType);
				this.version++;
			}
			return ofType;
		}

		void add(String entityName, @Nullable Object id) {
			Set<String> ofType = ofType(entityName);
			if (this.overflowed) {
				return;
			}
			String text = idText(id);
			if (text == null) {
				overflow();
			}
			else if (ofType.add(text)) {
				this.version++;
				if (++this.entities > this.maxEntities) {
					overflow();
				}
			}
		}

		void addType(String entityName) {
			ofType(entityName);
		}

		private void overflow() {
			this.overflowed = true;
			this.version++;
			if (this.ids != null) {
				this.ids.values().forEach(Set::clear);
			}
		}

		private void addAll(Recording inner) {
			if (inner.ids == null) {
				return;
			}
			if (inner.overflowed) {
				inner.ids.keySet().forEach(this::ofType);
				if (!this.overflowed) {
					overflow();
				}
				return;
			}
			inner.ids.forEach((name, innerIds) -> {
				Set<String> ofType = ofType(name);
				for (String id : innerIds) {
					if (this.overflowed) {
						return;
					}
					if (ofType.add(id)) {
						this.version++;
						if (++this.entities > this.maxEntities) {
							overflow();
						}
					}
				}
			});
		}

		/** Adds what another entry depends on; a whole type stays a type read. */
		void addRecorded(Map<String, @Nullable Set<String>> recorded) {
			recorded.forEach((name, ofType) -> {
				Set<String> mine = ofType(name);
				if (ofType == null || this.overflowed) {
					return;
				}
				for (String id : ofType) {
					if (mine.add(id)) {
						this.version++;
						if (++this.entities > this.maxEntities) {
							overflow();
							return;
						}
					}
				}
			});
		}

		boolean isEmpty() {
			return this.ids == null;
		}

		/** Returns how many identifiers the recording holds. */
		int entities() {
			return this.entities;
		}

		/** Returns a number that changes whenever something is added. */
		int version() {
			return this.version;
		}

		/** Returns how many types the recording lists. */
		int types() {
			return (this.ids != null) ? this.ids.size() : 0;
		}

		/**
		 * Returns a copy of what was read, that later reads do not change: the identifiers by entity
		 * name, or {@code null} where only the type is known: past the bound, and for a type whose
		 * table a query read without loading any of its entities (a count, a projection, an empty
		 * result), which any change of the type may change.
		 */
		Map<String, @Nullable Set<String>> snapshot() {
			Map<String, @Nullable Set<String>> snapshot = new HashMap<>();
			if (this.ids != null) {
				this.ids.forEach((name, ofType) -> snapshot.put(name,
						(this.overflowed || ofType.isEmpty()) ? null : Set.copyOf(ofType)));
			}
			return snapshot;
		}

	}

}
