package io.duocache.tier;

import java.util.Collection;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Where cache writes wait for a Spring-managed transaction's commit: inside one, a write runs after
 * the commit and not at all after a rollback, and until then the entries it names are misses, never
 * stored, for that transaction alone. Without Spring's transaction support on the class path, nothing
 * waits.
 */
public final class TransactionWrites {

	private static final boolean TRANSACTIONS = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			TransactionWrites.class.getClassLoader());

	private TransactionWrites() {
	}

	/**
	 * Returns whether the calling thread's transaction wrote this entry or cleared its cache, so a call
	 * must compute and not store.
	 * @param cacheName the cache
	 * @param key the entry's key
	 * @return whether the call must compute without storing
	 */
	public static boolean hides(String cacheName, Object key) {
		return TRANSACTIONS && PendingWrites.hides(cacheName, key);
	}

	/**
	 * Runs a write of entries of a cache now, or after the calling thread's transaction commits.
	 * @param cacheName the cache
	 * @param keys the entries' keys, misses for the transaction until then
	 * @param write the write
	 */
	public static void write(String cacheName, Collection<?> keys, Runnable write) {
		if (TRANSACTIONS && PendingWrites.deferring()) {
			PendingWrites.evictAfterCommit(cacheName, keys, write);
		}
		else {
			write.run();
		}
	}

	/**
	 * Runs a write of a whole cache now, or after the calling thread's transaction commits.
	 * @param cacheName the cache, which misses for the transaction until then
	 * @param write the write
	 */
	public static void writeAll(String cacheName, Runnable write) {
		if (TRANSACTIONS && PendingWrites.deferring()) {
			PendingWrites.clearAfterCommit(cacheName, write);
		}
		else {
			write.run();
		}
	}

	/**
	 * Returns the calling thread's transaction's change of one kind, created the first time it is
	 * asked for with {@code create}, or {@code null} outside a transaction whose writes wait for its
	 * commit.
	 * @param <C> the kind of change
	 * @param kind the kind of change
	 * @param create makes the transaction's change of that kind; {@code null} only looks
	 * @return the transaction's change, or {@code null}
	 */
	public static <C extends PendingChange> @Nullable C pendingChange(Class<C> kind, @Nullable Supplier<C> create) {
		return (TRANSACTIONS && PendingWrites.deferring()) ? PendingWrites.change(kind, create) : null;
	}

	/**
	 * Something a transaction changed beyond the caches' own writes (the JPA entities it flushed): it
	 * hides entries from the transaction until the commit and acts after it.
	 */
	public interface PendingChange {

		/**
		 * Returns whether a call of this entry in the transaction must compute and not store.
		 * @param cacheName the cache
		 * @param key the entry's key
		 * @return whether the entry is hidden
		 */
		boolean hides(String cacheName, Object key);

		/** Acts once the transaction has committed; never called after a rollback. */
		void afterCommit();

	}

}
