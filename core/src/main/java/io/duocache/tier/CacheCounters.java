package io.duocache.tier;

import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counts of what happened to one cache since it was created.
 */
public final class CacheCounters {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder failedRefreshes = new LongAdder();

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
