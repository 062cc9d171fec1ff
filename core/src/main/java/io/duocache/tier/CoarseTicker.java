package io.duocache.tier;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * A clock for memory copies of a store's entries that a hit reads without asking the operating
 * system: {@link System#nanoTime()} as of at most {@value #RESOLUTION_MILLIS} ms ago, kept by a task on
 * the JDK's shared delay scheduler (the one Caffeine's expiry already uses), so no thread of its own.
 * One clock is shared by every cache that uses it; once none does, it is collected and its task stops.
 * Such a copy lives at most its bound ({@code duocache.redis.local-ttl}, the ttl) plus that resolution.
 */
final class CoarseTicker implements Ticker {

	static final long RESOLUTION_MILLIS = 10;

	private static final Executor LATER = CompletableFuture.delayedExecutor(RESOLUTION_MILLIS, TimeUnit.MILLISECONDS);

	private static @Nullable WeakReference<CoarseTicker> shared;

	private volatile long now = System.nanoTime();

	private CoarseTicker() {
	}

	/** Returns the shared clock, started if no cache holds it. */
	static synchronized CoarseTicker shared() {
		CoarseTicker current = (shared != null) ? shared.get() : null;
		if (current == null) {
			current = new CoarseTicker();
			shared = new WeakReference<>(current);
			tick(shared);
		}
		return current;
	}

	private static void tick(WeakReference<CoarseTicker> reference) {
		LATER.execute(() -> {
			CoarseTicker ticker = reference.get();
			if (ticker != null) {
				ticker.now = System.nanoTime();
				tick(reference);
			}
		});
	}

	@Override
	public long read() {
		return this.now;
	}

}
