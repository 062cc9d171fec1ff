package io.duocache.store.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skips Redis after repeated failures: once open, calls go straight to memory and computation until
 * the open period has passed, when one call at a time probes Redis; a success closes it again.
 */
final class CircuitBreaker {

	private final int threshold;

	private final long openNanos;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicLong openedAt = new AtomicLong(-1);

	private final AtomicBoolean probing = new AtomicBoolean();

	CircuitBreaker(int threshold, Duration openFor) {
		this.threshold = threshold;
		this.openNanos = openFor.toNanos();
	}

	/** Returns whether a call may use Redis now; when open, lets one probe through per period. */
	boolean allow() {
		long opened = this.openedAt.get();
		if (opened < 0) {
			return true;
		}
		return System.nanoTime() - opened >= this.openNanos && this.probing.compareAndSet(false, true);
	}

	void success() {
		this.consecutiveFailures.set(0);
		this.openedAt.set(-1);
		this.probing.set(false);
	}

	void failure() {
		if (this.probing.getAndSet(false) || this.consecutiveFailures.incrementAndGet() >= this.threshold) {
			this.openedAt.set(System.nanoTime());
		}
	}

	boolean isOpen() {
		return this.openedAt.get() >= 0;
	}

}
