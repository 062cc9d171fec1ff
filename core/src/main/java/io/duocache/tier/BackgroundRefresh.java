package io.duocache.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;

/**
 * Refreshes the stale entries of one cache in the background (stale-while-revalidate): a hit on an
 * entry older than the ttl starts one recomputation of its key on the executor, however many hits;
 * the refreshed value replaces the stale entry when it lands, unless the entry left meanwhile; a
 * failed refresh keeps the old value, is counted and logged, and the next hit tries again.
 *
 * @param <E> what an entry holds
 */
final class BackgroundRefresh<E> {

	private static final Log logger = LogFactory.getLog(BackgroundRefresh.class);

	private final String cacheName;

	private final MemoryStep<E> memory;

	private final Entries<E> entries;

	private final BeyondMemory<E> beyond;

	private final Meters meters;

	/** Age after which a hit starts a refresh. */
	private final long refreshAfterNanos;

	private final Executor executor;

	/** Keys being refreshed, so that one refresh runs per key however many hits. */
	private final Set<Object> refreshing = ConcurrentHashMap.newKeySet();

	BackgroundRefresh(String cacheName, MemoryStep<E> memory, Entries<E> entries, BeyondMemory<E> beyond,
			Meters meters, Duration staleAfter, Executor executor) {
		this.cacheName = cacheName;
		this.memory = memory;
		this.entries = entries;
		this.beyond = beyond;
		this.meters = meters;
		this.refreshAfterNanos = staleAfter.toNanos();
		this.executor = executor;
	}

	/**
	 * Starts a refresh of a key whose entry a hit found older than the ttl, unless one is running.
	 */
	<A> void refreshIfStale(Object key, E entry, Loader<A> loader, A argument, boolean async) {
		Instant writtenAt = this.entries.writtenAt(entry);
		Optional<Duration> age = (writtenAt != null) ? Optional.of(Duration.between(writtenAt, Instant.now()))
				: this.memory.ageOf(key);
		if (age.isEmpty() || age.get().toNanos() < this.refreshAfterNanos || !this.refreshing.add(key)) {
			return;
		}
		try {
			A detached = loader.detach(argument);
			this.executor.execute(() -> refresh(key, entry, loader, detached, async));
		}
		catch (RuntimeException ex) {
			refreshFailed(key, ex);
		}
	}

	/** Computes a key again and replaces its entry, unless the entry left the cache meanwhile. */
	private <A> void refresh(Object key, E stale, Loader<A> loader, A argument, boolean async) {
		Object value;
		try {
			RefreshStart<E> start = this.beyond.startRefresh(key, stale);
			if (!start.computes()) {
				if (start.newer() != null) {
					replaceEntry(key, stale, start.newer(), false);
				}
				this.refreshing.remove(key);
				return;
			}
			value = loader.load(argument);
		}
		catch (Throwable ex) {
			refreshFailed(key, ex);
			return;
		}
		if (!async) {
			replace(key, stale, value);
			return;
		}
		if (value == null) {
			refreshFailed(key, new DuocacheException("the cached method returned a null future"));
			return;
		}
		((CompletionStage<?>) value).whenComplete((completed, failure) -> {
			if (failure != null) {
				refreshFailed(key, Flight.unwrap(failure));
			}
			else {
				replace(key, stale, completed);
			}
		});
	}

	/**
	 * Puts a refreshed value in place of the stale entry; the stale one leaves as replaced (a resource
	 * is released only now that its successor is in place). If the stale entry was invalidated or
	 * replaced meanwhile, the refreshed value is dropped as if removed.
	 */
	private void replace(Object key, E stale, @Nullable Object value) {
		try {
			replaceEntry(key, stale, this.entries.toEntry(key, value), true);
			this.refreshing.remove(key);
		}
		catch (RuntimeException ex) {
			refreshFailed(key, ex);
		}
	}

	/** Puts a fresh entry in place of a stale one; one computed here is then written beyond memory. */
	private void replaceEntry(Object key, E stale, E fresh, boolean computedHere) {
		long invalidationsBefore = this.memory.invalidations();
		if (this.memory.replace(key, stale, fresh)) {
			this.meters.counters.put();
			this.meters.counters.refreshed(true);
			if (computedHere) {
				this.beyond.published(key, fresh, () -> this.memory.invalidatedSince(invalidationsBefore));
			}
			return;
		}
		this.entries.released(key, fresh);
		if (computedHere) {
			this.beyond.failed(key);
		}
	}

	/** Ends a refresh that failed: what it started beyond memory is given up, and the next hit tries again. */
	private void refreshFailed(Object key, Throwable failure) {
		this.beyond.failed(key);
		this.refreshing.remove(key);
		this.meters.counters.refreshed(false);
		logger.warn("Background refresh of an entry of cache '" + this.cacheName + "' failed; the current value is "
				+ "kept and the next hit tries again", failure);
	}

}
