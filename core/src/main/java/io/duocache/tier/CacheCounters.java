package io.duocache.tier;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counts of what happened to one cache since it was created.
 */
public final class CacheCounters {

	/** A {@code @CacheEvict} of one entry. */
	public static final String EVICT = "evict";

	/** A {@code @CacheEvict(allEntries = true)}. */
	public static final String CLEAR = "clear";

	/** A {@code @CachePut}. */
	public static final String PUT = "put";

	/** The kinds of writes, in the order they are listed. */
	public static final List<String> WRITES = List.of(EVICT, CLEAR, PUT);

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder failedRefreshes = new LongAdder();

	private final LongAdder entityInvalidations = new LongAdder();

	private final Map<String, LongAdder> writes = Map.of(EVICT, new LongAdder(), CLEAR, new LongAdder(), PUT,
			new LongAdder());

	void hit() {
		this.hits.increment();
	}

	void miss() {
		this.misses.increment();
	}

	void put() {
		this.puts.increment();
	}

	void eviction() {
		this.evictions.increment();
	}

	void refreshed(boolean success) {
		(success ? this.refreshes : this.failedRefreshes).increment();
	}

	/** Counts an entry invalidated because a JPA entity it depends on changed. */
	public void invalidatedByEntity() {
		this.entityInvalidations.increment();
	}

	/**
	 * Returns how many entries were invalidated because a JPA entity they depend on changed.
	 * @return the count
	 */
	public long entityInvalidations() {
		return this.entityInvalidations.sum();
	}

	/**
	 * Counts a write that one of Spring's write annotations made, when it took effect.
	 * @param operation {@link #EVICT}, {@link #CLEAR} or {@link #PUT}
	 */
	public void written(String operation) {
		this.writes.get(operation).increment();
	}

	/**
	 * Returns the writes Spring's write annotations made that took effect.
	 * @param operation {@link #EVICT}, {@link #CLEAR} or {@link #PUT}
	 * @return the count
	 */
	public long writes(String operation) {
		return this.writes.get(operation).sum();
	}

	/**
	 * Returns the number of calls answered from the cache, including those that waited for another
	 * caller's computation.
	 * @return the hit count
	 */
	public long hits() {
		return this.hits.sum();
	}

	/**
	 * Returns the number of calls that computed the value.
	 * @return the miss count
	 */
	public long misses() {
		return this.misses.sum();
	}

	/**
	 * Returns the number of values stored.
	 * @return the put count
	 */
	public long puts() {
		return this.puts.sum();
	}

	/**
	 * Returns the number of entries removed by expiry or by a size bound.
	 * @return the eviction count
	 */
	public long evictions() {
		return this.evictions.sum();
	}

	/**
	 * Returns the number of background refreshes that replaced a value.
	 * @return the refresh count
	 */
	public long refreshes() {
		return this.refreshes.sum();
	}

	/**
	 * Returns the number of background refreshes that failed, keeping the old value.
	 * @return the failed refresh count
	 */
	public long failedRefreshes() {
		return this.failedRefreshes.sum();
	}

}
