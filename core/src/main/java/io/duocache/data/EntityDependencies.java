package io.duocache.data;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.store.SharedChangeLog;
import io.duocache.tier.TransactionWrites;

/**
 * Which data entries depend on which JPA entities, as their computations recorded them, and the
 * invalidation of those entries when a committed change reaches an entity: an update or a delete
 * the entries that loaded or hold that entity (or, past the bound, any of its type), an insert or a
 * bulk statement every entry that read its type. The index is by entity type, each entry keeping the
 * identifiers it read, so that a miss costs no more than its recording and a commit looks through the
 * entries of the types it changed. An entry's record goes with its invalidation or its next
 * recording; one that left its cache otherwise stays until the index is bounded.
 * <p>
 * A computation that read something a commit changed while it ran is not stored; inside a
 * transaction that flushed entity changes, the entries they reach (and those whose dependencies are
 * unknown) are computed and not stored until the commit, as section 5.1 of the design has it for
 * the caches' own writes.
 */
public final class EntityDependencies {

	private static final Log logger = LogFactory.getLog(EntityDependencies.class);

	/** How many entities one entry's record keeps before it keeps only their types. */
	public static final int MAX_ENTITIES_PER_ENTRY = 1_000;

	/** How many entries the index keeps records of before it starts again, invalidating what it forgets. */
	private static final int MAX_RECORDS = 200_000;

	private final Map<Entry, Record> records = new ConcurrentHashMap<>();

	private final Map<String, Set<Entry>> byType = new ConcurrentHashMap<>();

	/** The caches that record their entries' entities, by name. */
	private final Map<String, DataCache> caches = new ConcurrentHashMap<>();

	private final ChangeLog log = new ChangeLog();

	/** Tells this instance's change log from those of other runs, in the entries it stores. */
	private final long epoch = new SecureRandom().nextLong() | 1;

	/** The change logs of the stores the caches share with other instances. */
	private final Set<SharedChangeLog> sharedLogs = ConcurrentHashMap.newKeySet();

	/** How far this instance has applied each shared log. */
	private final Map<SharedChangeLog, Long> applied = new ConcurrentHashMap<>();

	/**
	 * Makes a cache's calls recorded: each of its entries is invalidated by committed changes of
	 * the entities it depends on.
	 * @param cache the cache
	 */
	public void track(DataCache cache) {
		this.caches.put(cache.name(), cache);
		SharedChangeLog shared = cache.store().changeLog();
		if (shared != null && this.sharedLogs.add(shared)) {
			catchUp(shared);
		}
	}

	/**
	 * Runs a call of a cached method, recording the entities its computation, if it computes, reads
	 * on this thread as what the entry of its key depends on.
	 * @param cache the cache
	 * @param key the entry's key
	 * @param call the call through the cache
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	public @Nullable Object recording(DataCache cache, CacheKey key, Call call) throws Throwable {
		EntityLoads.Recording recording = EntityLoads.start(cache, key, MAX_ENTITIES_PER_ENTRY, this.log.sequence());
		boolean completed = false;
		try {
			Object value = call.call();
			completed = true;
			return value;
		}
		finally {
			EntityLoads.stop(recording);
			if (completed && recording.computing && !recording.discarded
					&& recording.registered != recording.version()) {
				// The copy kept of the value held entities the computation did not load.
				if (register(recording)) {
					invalidate(new Entry(cache, key));
				}
			}
			else if (completed && !recording.computing) {
				// A hit inside another cached method's computation: that value depends on what this one does.
				EntityLoads.Recording outer = EntityLoads.current();
				Record record = this.records.get(new Entry(cache, key));
				if (outer != null && outer.computing && record != null) {
					outer.addRecorded(record.ids());
				}
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

	/**
	 * Tells the calling thread's recording, if any, that its call computes, so that the entities its
	 * value holds count too; where its store keeps a shared change log, the log's position is taken,
	 * which the stored entry carries for the instances that read it.
	 */
	public void computing() {
		EntityLoads.Recording recording = EntityLoads.current();
		if (recording == null) {
			return;
		}
		recording.computing = true;
		SharedChangeLog shared = recording.cache.store().changeLog();
		if (shared != null) {
			try {
				recording.sharedStartedAt = shared.position();
			}
			catch (RuntimeException ex) {
				// The stored entry then says that what it depends on is unknown: a miss for the others.
				logger.debug("Could not read the position of the store's change log", ex);
			}
		}
	}

	/**
	 * Records what the calling thread's computation read, before its value is stored; a value that
	 * read something changed meanwhile (committed, or flushed by the calling transaction) is not stored.
	 */
	public void computed() {
		EntityLoads.Recording recording = EntityLoads.current();
		if (recording != null && recording.computing && register(recording)) {
			recording.discarded = true;
			recording.cache.discardComputation(recording.key);
			this.records.remove(new Entry(recording.cache, recording.key));
		}
	}

	/**
	 * Keeps a recording as its entry's record.
	 * @return whether what it read changed since its call started, so its value must not stay
	 */
	private boolean register(EntityLoads.Recording recording) {
		recording.registered = recording.version();
		if (this.records.size() >= MAX_RECORDS) {
			startAgain();
		}
		Entry entry = new Entry(recording.cache, recording.key);
		Record record = new Record(recording.snapshot());
		// The same key computed again replaces its record; a type it no longer reads keeps the entry
		// listed, where only a change of that whole type still reaches it.
		this.records.put(entry, record);
		record.ids().keySet().forEach((type) -> this.byType.computeIfAbsent(type,
				(name) -> ConcurrentHashMap.newKeySet()).add(entry));
		// Registered first: a commit from now on finds the record; one before is in the log.
		if (this.log.touchedSince(recording.startedAt, record)) {
			return true;
		}
		TransactionChanges flushed = TransactionWrites.pendingChange(TransactionChanges.class, null);
		return flushed != null && flushed.reaches(record);
	}

	/**
	 * Returns the bytes to store for a computed entry: what its value depends on, then its Smile
	 * bytes, so that an instance that reads it back knows it too.
	 * @param cache the cache
	 * @param key the entry's key
	 * @param smile the value's bytes
	 * @return the bytes to store
	 */
	byte[] storedWith(DataCache cache, CacheKey key, byte[] smile) {
		EntityLoads.Recording recording = EntityLoads.current();
		if (recording == null || recording.cache != cache || !recording.key.equals(key) || !recording.computing) {
			// Computed off the calling thread (a background refresh): unknown, so a miss where it is read.
			return DependencyBlock.unknown(smile);
		}
		boolean shared = cache.store().changeLog() != null;
		return DependencyBlock.write(shared ? 0 : this.epoch, shared ? recording.sharedStartedAt : recording.startedAt,
				recording.snapshot(), smile);
	}

	/**
	 * Reads back what a stored entry depends on and keeps it as the entry's record, unless a change it
	 * depends on was committed after it was computed, or what it depends on is unknown: then it is a
	 * miss.
	 * @param cache the cache
	 * @param key the entry's key
	 * @param stored the stored bytes
	 * @return the value's Smile bytes, or {@code null} for a miss
	 */
	byte @Nullable [] admit(DataCache cache, CacheKey key, byte[] stored) {
		DependencyBlock block = DependencyBlock.read(stored);
		if (block == null || block.position() < 0) {
			return null;
		}
		Entry entry = new Entry(cache, key);
		Record record = new Record(block.ids());
		this.records.put(entry, record);
		record.ids().keySet().forEach((type) -> this.byType.computeIfAbsent(type,
				(name) -> ConcurrentHashMap.newKeySet()).add(entry));
		// Kept first: a change from now on reaches the record; one before is in a log.
		boolean changedSince;
		if (block.epoch() == 0) {
			SharedChangeLog shared = cache.store().changeLog();
			SharedChangeLog.Changes changes;
			try {
				changes = (shared != null) ? shared.since(block.position()) : null;
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read the store's change log: the stored entry is a miss", ex);
				changes = null;
			}
			changedSince = changes == null || changes.changes().stream().anyMatch((change) -> {
				int hash = change.lastIndexOf('#');
				return hash > 0 && record.reachedBy(change.substring(0, hash),
						(hash == change.length() - 1) ? null : change.substring(hash + 1));
			});
		}
		else {
			// An entry of an earlier run: every change of this run may have come after it.
			changedSince = this.log.touchedSince((block.epoch() == this.epoch) ? block.position() : 0, record);
		}
		if (changedSince) {
			this.records.remove(entry, record);
			return null;
		}
		return block.smile(stored);
	}

	/**
	 * Invalidates the entries that depend on an entity a committed transaction updated or deleted.
	 * @param entityName the entity's name
	 * @param id its identifier
	 */
	public void changed(String entityName, @Nullable Object id) {
		if (this.caches.isEmpty()) {
			return;
		}
		String idText = EntityLoads.idText(id);
		apply(entityName, idText);
		if (this.sharedLogs.isEmpty()) {
			return;
		}
		String change = change(entityName, idText);
		TransactionChanges committing = TransactionWrites.pendingChange(TransactionChanges.class, null);
		if (committing != null) {
			committing.toPublish.add(change);
		}
		else {
			publish(List.of(change));
		}
	}

	/** Invalidates here the entries a change reaches; {@code idText} {@code null} for the whole type. */
	private void apply(String entityName, @Nullable String idText) {
		this.log.append(entityName, idText);
		Set<Entry> entries = this.byType.get(entityName);
		if (entries == null) {
			return;
		}
		for (Entry entry : entries) {
			Record record = this.records.get(entry);
			if (record == null || idText == null || record.holds(entityName, idText)) {
				entries.remove(entry);
				invalidate(entry);
			}
		}
	}

	private static String change(String entityName, @Nullable String idText) {
		return (idText != null) ? entityName + '#' + idText : entityName + '#';
	}

	/** Appends committed changes to the shared logs, for the instances that share them. */
	private void publish(List<String> changes) {
		for (SharedChangeLog shared : this.sharedLogs) {
			try {
				shared.append(changes);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not tell the other instances of " + changes.size() + " committed entity change(s) ("
						+ ex.getMessage() + "); their entries that depend on them go when their memory copies expire, "
						+ "or with the entries' own ttl", ex);
			}
		}
	}

	/**
	 * Applies here the changes other instances appended to a shared log since this instance last
	 * looked; where the log no longer reaches back that far, every entry over that log is invalidated.
	 * @param shared the log
	 */
	public void catchUp(SharedChangeLog shared) {
		if (!this.sharedLogs.contains(shared)) {
			return;
		}
		synchronized (shared) {
			Long from = this.applied.get(shared);
			try {
				if (from == null) {
					this.applied.put(shared, shared.position());
					return;
				}
				SharedChangeLog.Changes changes = shared.since(from);
				if (changes == null) {
					this.records.keySet().stream().filter((entry) -> entry.cache().store().changeLog() == shared)
						.toList().forEach(this::invalidate);
					this.applied.put(shared, shared.position());
					return;
				}
				for (String change : changes.changes()) {
					int hash = change.lastIndexOf('#');
					if (hash > 0) {
						apply(change.substring(0, hash), (hash == change.length() - 1) ? null : change.substring(hash + 1));
					}
				}
				this.applied.put(shared, changes.position());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read the changes other instances appended", ex);
			}
		}
	}

	/**
	 * Invalidates the entries that read entities of a type of which a committed transaction inserted
	 * one, or changed some in a bulk statement.
	 * @param entityName the entity's name
	 */
	public void typeChanged(String entityName) {
		changed(entityName, null);
	}

	/**
	 * Hides from the calling thread's transaction the entries an entity change it flushed reaches,
	 * until it commits; outside a Spring-managed transaction the commit's own events are enough.
	 * @param entityName the entity's name
	 * @param id its identifier, {@code null} for an insert, which reaches the whole type
	 */
	public void flushed(String entityName, @Nullable Object id) {
		if (this.caches.isEmpty()) {
			return;
		}
		TransactionChanges changes = TransactionWrites.pendingChange(TransactionChanges.class,
				() -> new TransactionChanges(this));
		if (changes != null) {
			changes.add(entityName, id);
		}
	}

	/**
	 * Invalidates, once the calling thread's transaction commits (at once outside one), the entries
	 * over entity types a bulk statement changed; until then they are hidden from the transaction.
	 * @param entityNames the entity types of the tables the statement wrote
	 */
	public void bulkChanged(Set<String> entityNames) {
		if (this.caches.isEmpty()) {
			return;
		}
		TransactionChanges changes = TransactionWrites.pendingChange(TransactionChanges.class,
				() -> new TransactionChanges(this));
		if (changes == null) {
			entityNames.forEach(this::typeChanged);
			return;
		}
		entityNames.forEach((name) -> changes.add(name, null));
		changes.bulk.addAll(entityNames);
	}

	private void invalidate(Entry entry) {
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
		if (record == null || record.ids().containsValue(null)) {
			return -1;
		}
		return record.ids().values().stream().mapToInt((ids) -> (ids != null) ? ids.size() : 0).sum();
	}

	private record Entry(DataCache cache, CacheKey key) {
	}

	/**
	 * The identifiers an entry read by entity name: {@code null} where only the type is known (past
	 * the bound), none for a type a query read without finding it.
	 */
	record Record(Map<String, @Nullable Set<String>> ids) {

		boolean holds(String entityName, String id) {
			if (!this.ids.containsKey(entityName)) {
				return false;
			}
			Set<String> ofType = this.ids.get(entityName);
			return ofType == null || ofType.contains(id);
		}

		/** Whether a change of an entity ({@code null}: of its whole type) reaches the entry. */
		boolean reachedBy(String entityName, @Nullable String id) {
			return (id == null) ? this.ids.containsKey(entityName) : holds(entityName, id);
		}

	}

	/** The entity changes one transaction flushed, hidden from it until its commit. */
	static final class TransactionChanges implements TransactionWrites.PendingChange {

		private final EntityDependencies dependencies;

		/** The identifiers changed by entity name; {@code null} for a whole type. */
		private final Map<String, @Nullable Set<String>> changed = new HashMap<>();

		/** The entity types bulk statements changed, which only the commit of this transaction tells. */
		final Set<String> bulk = new HashSet<>();

		/** The committed changes to append to the shared logs once the commit is over, in one go. */
		final List<String> toPublish = new ArrayList<>();

		private TransactionChanges(EntityDependencies dependencies) {
			this.dependencies = dependencies;
		}

		void add(String entityName, @Nullable Object id) {
			String text = EntityLoads.idText(id);
			if (text == null) {
				this.changed.put(entityName, null);
				return;
			}
			if (this.changed.containsKey(entityName) && this.changed.get(entityName) == null) {
				return;
			}
			this.changed.computeIfAbsent(entityName, (name) -> new HashSet<>()).add(text);
		}

		boolean reaches(Record record) {
			for (Map.Entry<String, @Nullable Set<String>> change : this.changed.entrySet()) {
				Set<String> ids = change.getValue();
				if (ids == null ? record.ids().containsKey(change.getKey())
						: ids.stream().anyMatch((id) -> record.holds(change.getKey(), id))) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean hides(String cacheName, Object key) {
			DataCache cache = this.dependencies.caches.get(cacheName);
			if (cache == null || !(key instanceof CacheKey cacheKey)) {
				return false;
			}
			Record record = this.dependencies.records.get(new Entry(cache, cacheKey));
			// An entry whose dependencies are unknown here may hold what the transaction changed.
			return record == null || reaches(record);
		}

		@Override
		public void afterCommit() {
			for (String type : this.bulk) {
				this.dependencies.apply(type, null);
				this.toPublish.add(change(type, null));
			}
			if (!this.toPublish.isEmpty() && !this.dependencies.sharedLogs.isEmpty()) {
				this.dependencies.publish(List.copyOf(this.toPublish));
			}
		}

	}

	/**
	 * The latest committed changes in order, so that a computation that ran while one was committed
	 * can tell whether it read what changed. A computation that outlived more changes than the log
	 * keeps is taken to have read one.
	 */
	private static final class ChangeLog {

		private static final int CAPACITY = 4_096;

		private final String[] names = new String[CAPACITY];

		private final @Nullable String[] ids = new String[CAPACITY];

		private volatile long sequence;

		long sequence() {
			return this.sequence;
		}

		synchronized void append(String entityName, @Nullable String id) {
			int slot = (int) (this.sequence % CAPACITY);
			this.names[slot] = entityName;
			this.ids[slot] = id;
			this.sequence++;
		}

		boolean touchedSince(long since, Record record) {
			if (this.sequence == since) {
				return false;
			}
			synchronized (this) {
				if (this.sequence - since > CAPACITY) {
					return true;
				}
				for (long change = since; change < this.sequence; change++) {
					int slot = (int) (change % CAPACITY);
					if (record.reachedBy(this.names[slot], this.ids[slot])) {
						return true;
					}
				}
				return false;
			}
		}

	}

}
