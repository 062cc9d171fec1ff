package io.duocache.data;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;

/**
 * Which data entries depend on which JPA entities, as their computations recorded them, and the
 * invalidation of those entries when a committed change reaches an entity: an update or a delete
 * the entries that loaded that entity (or, past the bound, any of its type), an insert every entry
 * that loaded its type. An entry's record goes with its first invalidation; an entry that left its
 * cache otherwise costs a stale record until the index is bounded.
 */
public final class EntityDependencies {

	/** How many entities one entry's record keeps before it keeps only their types. */
	public static final int MAX_ENTITIES_PER_ENTRY = 1_000;

	/** How many records the index keeps before it starts again, invalidating what it forgets. */
	private static final int MAX_RECORDS = 200_000;

	private final Map<String, Set<Dependent>> byEntity = new ConcurrentHashMap<>();

	private final Map<String, Set<Dependent>> byType = new ConcurrentHashMap<>();

	/** Entries whose record kept only types: any change of one of those types reaches them. */
	private final Map<String, Set<Dependent>> coarse = new ConcurrentHashMap<>();

	static String ref(String entityName, Object id) {
		return entityName + '#' + id;
	}

	/**
	 * Runs a call of a cached method, recording the entities Hibernate loads on this thread meanwhile
	 * as what the entry of its key depends on.
	 * @param cache the cache
	 * @param key the entry's key
	 * @param call the call through the cache
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	public @Nullable Object recording(DataCache cache, CacheKey key, Call call) throws Throwable {
		EntityLoads.Recording recording = EntityLoads.start(MAX_ENTITIES_PER_ENTRY);
		try {
			return call.call();
		}
		finally {
			EntityLoads.stop(recording);
			if (!recording.isEmpty()) {
				record(cache, key, recording);
			}
		}
	}

	/** A call through a cache. */
	@FunctionalInterface
	public interface Call {

		/**
		 * Makes the call.
		 * @return what it returned
		 * @throws Throwable what it threw
		 */
		@Nullable Object call() throws Throwable;

	}

	void record(DataCache cache, CacheKey key, EntityLoads.Recording recording) {
		if (this.byEntity.size() + this.coarse.size() > MAX_RECORDS) {
			startAgain();
		}
		Dependent dependent = new Dependent(cache, key);
		for (String type : recording.types) {
			this.byType.computeIfAbsent(type, (name) -> ConcurrentHashMap.newKeySet()).add(dependent);
			if (recording.overflowed) {
				this.coarse.computeIfAbsent(type, (name) -> ConcurrentHashMap.newKeySet()).add(dependent);
			}
		}
		for (String entity : recording.entities) {
			this.byEntity.computeIfAbsent(entity, (ref) -> ConcurrentHashMap.newKeySet()).add(dependent);
		}
	}

	/**
	 * Invalidates the entries that depend on an entity a committed transaction updated or deleted.
	 * @param entityName the entity's name
	 * @param id its identifier
	 */
	public void changed(String entityName, @Nullable Object id) {
		if (id == null) {
			inserted(entityName);
			return;
		}
		invalidate(this.byEntity.remove(ref(entityName, id)));
		invalidate(this.coarse.remove(entityName));
	}

	/**
	 * Invalidates the entries that loaded entities of a type of which a committed transaction inserted
	 * one (or changed some in bulk).
	 * @param entityName the entity's name
	 */
	public void inserted(String entityName) {
		invalidate(this.byType.remove(entityName));
		invalidate(this.coarse.remove(entityName));
	}

	private void invalidate(@Nullable Set<Dependent> dependents) {
		if (dependents == null) {
			return;
		}
		for (Dependent dependent : dependents) {
			dependent.cache().invalidate(dependent.key());
			dependent.cache().counters().invalidatedByEntity();
		}
	}

	/** Forgets every record; the entries it covered are invalidated, since nothing would reach them. */
	private synchronized void startAgain() {
		if (this.byEntity.size() + this.coarse.size() <= MAX_RECORDS) {
			return;
		}
		this.byType.values().forEach(this::invalidate);
		this.byEntity.clear();
		this.byType.clear();
		this.coarse.clear();
	}

	/** Returns how many entities and coarse types the index holds records of. */
	int records() {
		return this.byEntity.size() + this.coarse.size();
	}

	private record Dependent(DataCache cache, CacheKey key) {
	}

}
