package io.duocache.tier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The caches of one {@code scope = SESSION} declaration: one cache per HTTP session, each with the
 * declaration's bounds, created on the session's first call and emptied (its resources released)
 * when the session ends. The declaration's registered cache stands for all of them: its counters
 * count every session's calls, its size and bytes are their sum, and clearing it clears them all.
 */
public final class SessionCaches {

	private final SingleFlightCache<?> declared;

	private final Supplier<? extends SingleFlightCache<?>> factory;

	private final Map<String, SingleFlightCache<?>> bySession = new ConcurrentHashMap<>();

	/**
	 * Creates the caches of a declaration.
	 * @param declared the registered cache, which reports for all sessions
	 * @param factory creates the cache of one session
	 */
	public SessionCaches(SingleFlightCache<?> declared, Supplier<? extends SingleFlightCache<?>> factory) {
		this.declared = declared;
		this.factory = factory;
		declared.standFor(this);
	}

	/**
	 * Returns the cache of a session, creating it on the session's first call; {@code onCreate} runs
	 * once per session, while the cache is created, so the session's end can be hooked exactly once.
	 * @param sessionId the session
	 * @param onCreate what to do when the session's cache is created
	 * @return the session's cache
	 */
	public SingleFlightCache<?> forSession(String sessionId, Runnable onCreate) {
		SingleFlightCache<?> cache = this.bySession.get(sessionId);
		if (cache != null) {
			return cache;
		}
		return this.bySession.computeIfAbsent(sessionId, (id) -> {
			SingleFlightCache<?> created = this.factory.get();
			created.countInto(this.declared);
			onCreate.run();
			return created;
		});
	}

	/**
	 * Ends a session: its cache is emptied, which releases its resources, and forgotten.
	 * @param sessionId the session
	 */
	public void end(String sessionId) {
		SingleFlightCache<?> cache = this.bySession.remove(sessionId);
		if (cache != null) {
			cache.releaseAll();
		}
	}

	/**
	 * Returns the number of sessions that have a cache.
	 * @return the session count
	 */
	public int sessions() {
		return this.bySession.size();
	}

	void endAll() {
		this.bySession.keySet().forEach(this::end);
	}

	void forEach(Consumer<SingleFlightCache<?>> action) {
		this.bySession.values().forEach(action);
	}

	/**
	 * Sums a measure over the sessions' caches.
	 * @param measure what to sum
	 * @return the sum
	 */
	public long sum(ToLongFunction<SingleFlightCache<?>> measure) {
		long sum = 0;
		for (SingleFlightCache<?> cache : this.bySession.values()) {
			sum += measure.applyAsLong(cache);
		}
		return sum;
	}

}
