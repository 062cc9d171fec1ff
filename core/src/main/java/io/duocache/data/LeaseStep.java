package io.duocache.data;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;

/**
 * The cross-instance lease step: of the instances sharing a store, one at a time computes a missing
 * key while the others wait (bounded by the store's {@link EntryStore#leaseWait()}) for its value, and
 * one at a time refreshes a stale one. A lease only saves work; when the wait runs out, the caller
 * computes too. Failures of the store are the caller's to count.
 */
final class LeaseStep {

	/** How often a waiting instance looks whether the leaseholder's value has landed. */
	private static final Duration POLL = Duration.ofMillis(25);

	private final String cacheName;

	private final EntryStore store;

	LeaseStep(String cacheName, EntryStore store) {
		this.cacheName = cacheName;
		this.store = store;
	}

	/**
	 * Returns the stored entry of a key, or {@code null} when the caller is to compute it: it holds
	 * the lease, or waited for another instance's value in vain.
	 */
	@Nullable StoredEntry loadOrLead(CacheKey key) {
		StoredEntry entry = this.store.load(this.cacheName, key);
		if (entry != null || this.store.lead(this.cacheName, key)) {
			return entry;
		}
		long deadline = System.nanoTime() + this.store.leaseWait().toNanos();
		while (System.nanoTime() < deadline) {
			sleep(POLL);
			entry = this.store.load(this.cacheName, key);
			if (entry != null || this.store.lead(this.cacheName, key)) {
				return entry;
			}
		}
		return null;
	}

	/**
	 * Decides who refreshes a key whose memory copy was computed at {@code writtenAt}: an entry another
	 * instance stored since is used as it is; otherwise this caller computes if it gets the lease.
	 */
	RefreshLead leadRefresh(CacheKey key, Instant writtenAt) {
		StoredEntry stored = this.store.load(this.cacheName, key);
		if (stored != null && stored.writtenAt().isAfter(writtenAt)) {
			return new RefreshLead(false, stored);
		}
		if (this.store.lead(this.cacheName, key)) {
			return RefreshLead.COMPUTE;
		}
		this.store.abandon(this.cacheName, key);
		return RefreshLead.ELSEWHERE;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoreUnavailableException("interrupted while waiting for another instance's value", ex);
		}
	}

	/**
	 * Who refreshes a key: this caller ({@code compute}), nobody because a newer entry is stored
	 * ({@code newer}), or another instance (neither).
	 *
	 * @param compute whether this caller computes the key
	 * @param newer an entry stored since the memory copy was written, or {@code null}
	 */
	record RefreshLead(boolean compute, @Nullable StoredEntry newer) {

		static final RefreshLead COMPUTE = new RefreshLead(true, null);

		static final RefreshLead ELSEWHERE = new RefreshLead(false, null);

	}

}
