package io.duocache.tier;

/**
 * What the steps of one cache count into and report to: its own counters and observer, or for the
 * cache of one HTTP session, its declaration's (set once, at creation).
 */
final class Meters {

	CacheCounters counters = new CacheCounters();

	volatile CacheObserver observer = CacheObserver.NONE;

	/** Counts into, and reports to, what another cache does. */
	void follow(Meters declared) {
		this.counters = declared.counters;
		this.observer = declared.observer;
	}

}
