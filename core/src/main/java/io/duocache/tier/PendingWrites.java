package io.duocache.tier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;


/**
 * The cache writes of one Spring-managed transaction (Spring's write annotations, the managers'
 * {@code clear} calls), applied after it commits and dropped when it rolls back. Until then the
 * entries it evicted, and the caches it cleared, are misses for that transaction alone: its calls
 * compute and get their values, which are never stored, so it reads its own writes and no
 * uncommitted value reaches a cache. Loaded only where Spring's transaction support is on the class
 * path, through {@link TransactionWrites}.
 */
final class PendingWrites implements TransactionSynchronization {

	private static final Log logger = LogFactory.getLog(PendingWrites.class);

	/** How many transactions of this JVM hold writes now. */
	private static final AtomicInteger OPEN = new AtomicInteger();

	private final Set<String> cleared = new HashSet<>();

	private final Map<String, Set<Object>> evicted = new HashMap<>();

	private final List<Runnable> afterCommit = new ArrayList<>();

	private final Map<Class<?>, TransactionWrites.PendingChange> changes = new HashMap<>(2);

	private PendingWrites() {
	}

	/**
	 * Returns whether the calling thread runs in a transaction whose writes wait for its commit: a
	 * real one, not the empty scope of a non-transactional propagation.
	 * @return whether writes are deferred
	 */
	static boolean deferring() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Returns whether the calling thread's transaction evicted this entry or cleared its cache, so a
	 * call must compute and not store.
	 * @param cacheName the cache
	 * @param key the entry's key
	 * @return whether the call must compute without storing
	 */
	static boolean hides(String cacheName, Object key) {
		// Every cached call asks: while no transaction holds writes, one volatile read answers.
		if (OPEN.get() == 0 || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		PendingWrites writes = (PendingWrites) TransactionSynchronizationManager.getResource(PendingWrites.class);
		if (writes == null) {
			return false;
		}
		Set<Object> keys = writes.evicted.get(cacheName);
		if (writes.cleared.contains(cacheName) || (keys != null && keys.contains(key))) {
			return true;
		}
		for (TransactionWrites.PendingChange change : writes.changes.values()) {
			if (change.hides(cacheName, key)) {
				return true;
			}
		}
		return false;
	}

	/** Returns the calling thread's transaction's change of one kind, created on first use if {@code create} is given. */
	static <C extends TransactionWrites.PendingChange> @Nullable C change(Class<C> kind, @Nullable Supplier<C> create) {
		if (create == null) {
			PendingWrites writes = (PendingWrites) TransactionSynchronizationManager.getResource(PendingWrites.class);
			return (writes != null) ? kind.cast(writes.changes.get(kind)) : null;
		}
		PendingWrites writes = current();
		TransactionWrites.PendingChange change = writes.changes.get(kind);
		if (change == null) {
			change = create.get();
			writes.changes.put(kind, change);
			writes.afterCommit.add(change::afterCommit);
		}
		return kind.cast(change);
	}

	/**
	 * Runs a write of entries of a cache once the calling thread's transaction commits; until then
	 * they are misses for the transaction.
	 * @param cacheName the cache
	 * @param keys the entries' keys
	 * @param write the write
	 */
	static void evictAfterCommit(String cacheName, Collection<?> keys, Runnable write) {
		PendingWrites writes = current();
		writes.evicted.computeIfAbsent(cacheName, (name) -> new HashSet<>()).addAll(keys);
		writes.afterCommit.add(write);
	}

	/**
	 * Runs a write of a whole cache once the calling thread's transaction commits; until then the
	 * cache misses for the transaction.
	 * @param cacheName the cache
	 * @param write the write
	 */
	static void clearAfterCommit(String cacheName, Runnable write) {
		PendingWrites writes = current();
		writes.cleared.add(cacheName);
		writes.afterCommit.add(write);
	}

	private static PendingWrites current() {
		PendingWrites writes = (PendingWrites) TransactionSynchronizationManager.getResource(PendingWrites.class);
		if (writes == null) {
			writes = new PendingWrites();
			OPEN.incrementAndGet();
			TransactionSynchronizationManager.bindResource(PendingWrites.class, writes);
			TransactionSynchronizationManager.registerSynchronization(writes);
		}
		return writes;
	}

	@Override
	public void afterCommit() {
		for (Runnable write : this.afterCommit) {
			try {
				write.run();
			}
			catch (RuntimeException ex) {
				// A cache write never fails a commit that has happened.
				logger.warn("A cache write after a commit failed", ex);
			}
		}
	}

	/** A transaction suspended for another one ({@code REQUIRES_NEW}) keeps its writes to itself. */
	@Override
	public void suspend() {
		TransactionSynchronizationManager.unbindResourceIfPossible(PendingWrites.class);
	}

	@Override
	public void resume() {
		TransactionSynchronizationManager.bindResource(PendingWrites.class, this);
	}

	@Override
	public void afterCompletion(int status) {
		OPEN.decrementAndGet();
		TransactionSynchronizationManager.unbindResourceIfPossible(PendingWrites.class);
	}

}
