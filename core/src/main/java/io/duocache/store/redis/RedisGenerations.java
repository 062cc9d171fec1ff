package io.duocache.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.ReturnType;

import static io.duocache.store.redis.RedisLayout.bytes;
import static io.duocache.store.redis.RedisLayout.number;

/**
 * The newest generation of each cache this instance has seen: read from Redis once per cache, then
 * kept here and raised by clears (its own and those it hears of) and by checks against Redis, so a
 * call never reads a single-slot key. A generation only ever goes up: when Redis answers an older one
 * than this instance saw (a failover lost the clear that raised it), the newer one is restored in
 * Redis before anything is read or written under it, and the repair is counted.
 */
final class RedisGenerations {

	private static final Log logger = LogFactory.getLog(RedisGenerations.class);

	private final RedisCommands commands;

	private final RedisLayout layout;

	private final Map<String, Long> newest = new ConcurrentHashMap<>();

	private final AtomicLong repairs;

	RedisGenerations(RedisCommands commands, RedisLayout layout, AtomicLong repairs) {
		this.commands = commands;
		this.layout = layout;
		this.repairs = repairs;
	}

	/** Returns a cache's generation: the one kept here, or the first time, Redis's. */
	long current(String cacheName) {
		Long known = this.newest.get(cacheName);
		return (known != null) ? known : check(cacheName);
	}

	/**
	 * Asks Redis for a cache's generation, restoring the newest one seen here if Redis has an older
	 * one, and keeps the newer of the two.
	 * @return the generation now
	 */
	long check(String cacheName) {
		long known = this.newest.getOrDefault(cacheName, 0L);
		List<Object> answer = this.commands.execute((connection) -> RedisScripts.run(connection,
				RedisScripts.GENERATION, ReturnType.MULTI, 1, bytes(this.layout.generation(cacheName)),
				bytes(Long.toString(known))));
		long had = number(answer.get(0));
		if (had < known) {
			restored(cacheName, had, known);
		}
		return raise(cacheName, number(answer.get(1)));
	}

	/**
	 * Checks every cache seen so far against Redis.
	 * @return the caches whose generation Redis had moved past the one kept here (clears this
	 * instance did not hear of)
	 * @throws io.duocache.store.StoreUnavailableException if Redis could not be asked
	 */
	List<String> checkAll() {
		List<String> moved = new ArrayList<>();
		for (Map.Entry<String, Long> kept : this.newest.entrySet()) {
			if (check(kept.getKey()) > kept.getValue()) {
				moved.add(kept.getKey());
			}
		}
		return moved;
	}

	/** Keeps a generation heard of or made by a clear, unless a newer one is kept. */
	long raise(String cacheName, long generation) {
		return this.newest.merge(cacheName, generation, Math::max);
	}

	/** Counts and logs a generation Redis had lost and was given back. */
	void restored(String cacheName, long had, long restored) {
		this.repairs.incrementAndGet();
		logger.warn("Redis answered generation " + had + " of cache '" + cacheName + "', older than generation "
				+ restored + " this instance saw (a failover lost a clear); generation " + restored
				+ " was restored, so no entry from before the clear is served");
	}

}
