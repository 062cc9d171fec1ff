package io.duocache.tier;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.jspecify.annotations.Nullable;

import io.duocache.config.Durations;

/**
 * The memory step: completed entries in a Caffeine cache (no future per entry), bounded as the
 * tier prepared its builder, expiring a fixed time after their write: the ttl, or the shorter bound of
 * a store's memory copies (an entry read back from a store that expires sooner is the tier's to refuse,
 * see {@link Entries#isValid}, so that hits pay for no per-entry expiry). Every entry that leaves is handed to the tier's
 * {@link Entries#released} exactly once. Invalidations are counted, so a write beyond memory can tell
 * that one happened while it ran.
 *
 * @param <E> what an entry holds
 */
final class MemoryStep<E> {

	private final Cache<Object, E> cache;

	private final Entries<E> entries;

	private final AtomicLong invalidations = new AtomicLong();

	private final @Nullable Duration storeBound;

	/**
	 * @param builder the tier's builder (weigher, executor); expiry, bound and removal are added here
	 * @param ttl the cache's ttl, or {@code null}
	 * @param storeBound how long a memory copy of a store's entry may live, or {@code null}
	 */
	MemoryStep(Caffeine<Object, Object> builder, Entries<E> entries, Meters meters, @Nullable Duration ttl,
			@Nullable Duration storeBound) {
		this.entries = entries;
		this.storeBound = storeBound;
		Duration memoryTtl = Durations.shorter(ttl, storeBound);
		if (memoryTtl != null) {
			builder.expireAfterWrite(memoryTtl).scheduler(Scheduler.systemScheduler());
			if (storeBound != null) {
				// Every hit of a store's memory copy reads the clock: a coarse one costs it nothing.
				builder.ticker(CoarseTicker.shared());
			}
		}
		this.cache = builder.<Object, E>removalListener((key, entry, cause) -> {
			if (cause.wasEvicted()) {
				meters.counters.eviction();
			}
			if (key != null && entry != null) {
				entries.released(key, entry);
			}
		}).build();
	}

	/** Keeps entries twice as long as the ttl, so a stale one can be served while it is refreshed. */
	void keepForRefresh(Duration staleAfter) {
		Duration kept = Durations.shorter(staleAfter.multipliedBy(2), this.storeBound);
		this.cache.policy().expireAfterWrite().ifPresent((expiry) -> expiry.setExpiresAfter(kept));
	}

	/** Returns the entry of a key if it may be handed out; an invalid one is removed. */
	@Nullable E validEntry(Object key) {
		E entry = this.cache.getIfPresent(key);
		if (entry != null && !this.entries.isValid(entry)) {
			this.cache.asMap().remove(key, entry);
			return null;
		}
		return entry;
	}

	@Nullable E entry(Object key) {
		return this.cache.getIfPresent(key);
	}

	void put(Object key, E entry) {
		this.cache.put(key, entry);
	}

	/** Stores the entry that {@code create} makes unless the key has one; returns what is stored now. */
	E putIfAbsent(Object key, Function<Object, E> create) {
		return this.cache.asMap().computeIfAbsent(key, create);
	}

	/** Puts a fresh entry in place of a stale one, unless the stale one left or was replaced. */
	boolean replace(Object key, E stale, E fresh) {
		return this.cache.asMap().replace(key, stale, fresh);
	}

	/** Returns how long ago a key's entry was stored, where memory keeps track of it. */
	Optional<Duration> ageOf(Object key) {
		return this.cache.policy().expireAfterWrite().flatMap((expiry) -> expiry.ageOf(key));
	}

	/**
	 * Counts an invalidation, before the computations and entries it covers are dropped: a write beyond
	 * memory that started earlier then sees it.
	 */
	void countInvalidation() {
		this.invalidations.incrementAndGet();
	}

	/** Drops one entry. */
	void drop(Object key) {
		this.cache.invalidate(key);
	}

	/** Drops every entry. */
	void dropAll() {
		this.cache.invalidateAll();
	}

	/** Returns the count {@link #invalidatedSince} compares with. */
	long invalidations() {
		return this.invalidations.get();
	}

	boolean invalidatedSince(long invalidationsBefore) {
		return this.invalidations.get() != invalidationsBefore;
	}

	boolean isEmpty() {
		return this.cache.asMap().isEmpty();
	}

	long estimatedSize() {
		return this.cache.estimatedSize();
	}

	void cleanUp() {
		this.cache.cleanUp();
	}

}
