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
 * that loaded its type. The index is by entity type, each entry keeping the identifiers it loaded, so
 * that a miss costs no more than its recording and a commit looks through the entries of the types it
 * changed. An entry's record goes with its invalidation or its next recording; one that left its
 * cache otherwise stays until the index is bounded.
 */
public final class EntityDependencies {

	/** How many entities one entry's record keeps before it keeps only their types. */
	public static final int MAX_ENTITIES_PER_ENTRY = 1_000;

	/** How many entries the index keeps records of before it starts again, invalidating what it forgets. */
	private static final int MAX_RECORDS = 200_000;

	private final Map<Entry, Record> records = new ConcurrentHashMap<>();

	private final Map<String, Set<Entry>> byType = new ConcurrentHashMap<>();

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
		if (this.records.size() >= MAX_RECORDS) {
			startAgain();
		}
		Entry entry = new Entry(cache, key);
		// The same key computed again replaces its record; a type it no longer loads keeps the entry
		// listed, where only an insert of that type still reaches it.
		this.records.put(entry, new Record(recording.overflowed ? null : recording.ids));
		recording.ids.keySet().forEach((type) -> this.byType.computeIfAbsent(type,
				(name) -> ConcurrentHashMap.newKeySet()).add(entry));
	}

	/**
	 * Invalidates the entries that depend on an entity a committed transaction updated or deleted.
	 * @param entityName the entity's name
	 * @param id its identifier
	 */
	public void changed(String entityName, @Nullable Object id) {
		Set<Entry> entries = this.byType.get(entityName);
		if (entries == null) {
			return;
		}
		for (Entry entry : entries) {
			Record record = this.records.get(entry);
			if (record == null || id == null || record.holds(entityName, id)) {
				invalidate(entry, entries);
			}
		}
	}

	/**
	 * Invalidates the entries that loaded entities of a type of which a committed transaction inserted
	 * one.
	 * @param entityName the entity's name
	 */
	public void inserted(String entityName) {
		Set<Entry> entries = this.byType.get(entityName);
		if (entries != null) {
			entries.forEach((entry) -> invalidate(entry, entries));
		}
	}

	private void invalidate(Entry entry, Set<Entry> ofType) {
		ofType.remove(entry);
		if (this.records.remove(entry) != null) {
			entry.cache().invalidate(entry.key());
			entry.cache().counters().invalidatedByEntity();
		}
	}

	/** Forgets every record; the entries it covered are invalidated, since nothing would reach them. */
	private synchronized void startAgain() {
		if (this.records.size() < MAX_RECORDS) {
			return;
		}
		this.records.keySet().forEach((entry) -> entry.cache().invalidate(entry.key()));
		this.records.clear();
		this.byType.clear();
	}

	/** Returns how many entries the index holds records of. */
	int records() {
		return this.records.size();
	}

	/** Returns how many identifiers the index holds for an entry, {@code -1} for one kept by type alone. */
	int identifiersOf(DataCache cache, CacheKey key) {
		Record record = this.records.get(new Entry(cache, key));
		if (record == null || record.ids() == null) {
			return -1;
		}
		return record.ids().values().stream().mapToInt(Set::size).sum();
	}

	private record Entry(DataCache cache, CacheKey key) {
	}

	/** The identifiers an entry loaded by entity name, or {@code null} when it keeps only the types. */
	private record Record(@Nullable Map<String, Set<Object>> ids) {

		boolean holds(String entityName, Object id) {
			if (this.ids == null) {
				return true;
			}
			Set<Object> ofType = this.ids.get(entityName);
			return ofType != null && ofType.contains(id);
		}

	}

}
