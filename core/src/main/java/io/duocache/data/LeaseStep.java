package io.duocache.data;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;
import io.duocache.store.UnknownSigningKeyException;

/**
 * The cross-instance lease step: of the instances sharing a store, one at a time computes a missing
 * key while the others wait (bounded by the store's {@link EntryStore#leaseWait()}) for its value, and
 * one at a time refreshes a stale one. A lease only saves work; when the wait runs out, the caller
 * computes too. A look that fails while waiting is tried again at the next poll, up to
 * {@value #MAX_FAILED_POLLS} in a row; other failures of the store are the caller's to count.
 */
final class LeaseStep {

	/** How often a waiting instance looks whether the leaseholder's value has landed. */
	private static final Duration POLL = Duration.ofMillis(25);

	/** How many failed looks in a row end a wait: the store is then down, not slow once. */
	private static final int MAX_FAILED_POLLS = 3;

	private final String cacheName;

	private final EntryStore store;

	/** Whether instances share the store, and so wait for each other's leases. */
	private final boolean shared;

	private final StoreCounters counters;

	LeaseStep(String cacheName, EntryStore store, StoreCounters counters) {
		this.cacheName = cacheName;
		this.store = store;
		this.counters = counters;
		this.shared = !store.leaseWait().isZero();
	}

	/**
	 * Reads an entry; one sealed with a signing key this instance does not know is absent (another
	 * instance's newer key during a rotation): counted, left in place, computed here and stored under
	 * this instance's key. {@code counted} for the first read of a call, so that each call counts once.
	 */
	private @Nullable StoredEntry known(CacheKey key, boolean counted) {
		try {
			return this.store.load(this.cacheName, key);
		}
		catch (UnknownSigningKeyException ex) {
			if (counted) {
				this.counters.unknownKey();
			}
			return null;
		}
	}

	/**
	 * Returns the stored entry of a key, or {@code null} when the caller is to compute it: it holds
	 * the lease, or waited for another instance's value in vain.
	 */
	@Nullable StoredEntry loadOrLead(CacheKey key) {
		StoredEntry entry = known(key, true);
		if (entry != null) {
			return entry;
		}
		if (this.store.lead(this.cacheName, key)) {
			return landedBeforeLease(key);
		}
		long deadline = System.nanoTime() + this.store.leaseWait().toNanos();
		int failuresInARow = 0;
		while (System.nanoTime() < deadline) {
			sleep(POLL);
			try {
				entry = known(key, false);
				if (entry != null) {
					return entry;
				}
				if (this.store.lead(this.cacheName, key)) {
					return landedBeforeLease(key);
				}
				failuresInARow = 0;
			}
			catch (StoreUnavailableException ex) {
				// One slow answer does not end the wait: the leaseholder's value may still land.
				if (++failuresInARow == MAX_FAILED_POLLS) {
					throw ex;
				}
			}
		}
		return null;
	}

	/** An entry that landed before this caller's lease is used, and the lease given back. */
	private @Nullable StoredEntry landedBeforeLease(CacheKey key) {
		StoredEntry entry = readAgain(key);
		if (entry != null) {
			this.store.abandon(this.cacheName, key);
		}
		return entry;
	}

	/**
	 * Reads the key once more right after the lease was taken, where instances share the store: the
	 * instance that held the lease may have stored its entry and let go between this caller's read and
	 * its lease.
	 */
	private @Nullable StoredEntry readAgain(CacheKey key) {
		return this.shared ? known(key, false) : null;
	}

	/**
	 * Decides who refreshes a key whose memory copy was computed at {@code writtenAt}: an entry another
	 * instance stored since is used as it is; otherwise this caller computes if it gets the lease.
	 */
	RefreshLead leadRefresh(CacheKey key, Instant writtenAt) {
		StoredEntry stored = known(key, true);
		if (stored != null && stored.writtenAt().isAfter(writtenAt)) {
			return new RefreshLead(false, stored);
		}
		if (!this.store.lead(this.cacheName, key)) {
			this.store.abandon(this.cacheName, key);
			return RefreshLead.ELSEWHERE;
		}
		StoredEntry landed = readAgain(key);
		if (landed != null && landed.writtenAt().isAfter(writtenAt)) {
			this.store.abandon(this.cacheName, key);
			return new RefreshLead(false, landed);
		}
		return RefreshLead.COMPUTE;
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
