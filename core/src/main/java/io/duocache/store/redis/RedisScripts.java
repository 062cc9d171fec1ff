package io.duocache.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The Lua scripts of the Redis store, each run by its digest. Every script declares in {@code KEYS}
 * every key it touches, and they share one hash tag (an entry's, or a cache's), so each runs on one
 * slot of a Redis Cluster. A write checks the entry's version its read saw, so a value computed before
 * a removal is never written after it; a value computed before a clear is written under the old
 * generation, which no instance reads any more.
 */
final class RedisScripts {

	/** Writes an entry if its version is still the one its read saw. KEYS: entry, version. */
	static final Script SAVE = script("""
			if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			return 1
			""");

	/** Deletes an entry and bumps its version, returning the new one. KEYS: entry, version. */
	static final Script REMOVE = script("""
			redis.call('UNLINK', KEYS[1])
			local v = redis.call('INCR', KEYS[2])
			redis.call('PEXPIRE', KEYS[2], ARGV[1])
			return v
			""");

	/**
	 * Raises an entry's version to one this instance saw, if Redis lost it, and deletes the entry
	 * that Redis kept from before it; returns the version Redis had. KEYS: entry, version.
	 */
	static final Script RESTORE_VERSION = script("""
			local v = tonumber(redis.call('GET', KEYS[2]) or '0')
			if v < tonumber(ARGV[1]) then
				redis.call('UNLINK', KEYS[1])
				redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
			end
			return v
			""");

	/** Publishes an invalidation with the cache's next sequence number. KEYS: sequence. */
	static final Script PUBLISH = script("""
			local s = redis.call('INCR', KEYS[1])
			redis.call('PUBLISH', ARGV[1], s .. '|' .. ARGV[2])
			return s
			""");

	/**
	 * Moves a cache past both the generation Redis has and the newest one this instance saw, publishes
	 * the clear with the new generation, and returns the new generation and the one Redis had.
	 * KEYS: generation, sequence.
	 */
	static final Script CLEAR = script("""
			local had = tonumber(redis.call('GET', KEYS[1]) or '0')
			local g = math.max(had, tonumber(ARGV[3])) + 1
			redis.call('SET', KEYS[1], g)
			local s = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[1], s .. '|clear|' .. g .. '|' .. ARGV[2])
			return {g, had}
			""");

	/**
	 * Returns a cache's generation, first raising it to the newest one this instance saw if Redis lost
	 * it; returns the generation Redis had and the one it has now. KEYS: generation.
	 */
	static final Script GENERATION = script("""
			local had = tonumber(redis.call('GET', KEYS[1]) or '0')
			local known = tonumber(ARGV[1])
			if had < known then
				redis.call('SET', KEYS[1], known)
				return {had, known}
			end
			return {had, had}
			""");

	/**
	 * Appends changes to the shared change log, keeps its latest ones, publishes the new position and
	 * returns it. KEYS: position, log. ARGV: channel, capacity, changes.
	 */
	static final Script APPEND_CHANGES = script("""
			local p = redis.call('INCRBY', KEYS[1], #ARGV - 2)
			for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
			redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
			redis.call('PUBLISH', ARGV[1], p .. '|changes')
			return p
			""");

	/**
	 * Returns the log's position and the changes after a position, or {@code -1} alone where the log
	 * no longer holds them (trimmed, or lost with the server). KEYS: position, log. ARGV: position.
	 */
	static final Script CHANGES_SINCE = script("""
			local p = tonumber(redis.call('GET', KEYS[1]) or '0')
			local from = tonumber(ARGV[1])
			if from > p then return {'-1'} end
			local n = p - from
			if n == 0 then return {tostring(p)} end
			if n > redis.call('LLEN', KEYS[2]) then return {'-1'} end
			local changes = redis.call('LRANGE', KEYS[2], -n, -1)
			table.insert(changes, 1, tostring(p))
			return changes
			""");

	/** Deletes a lease if this instance still holds it. */
	static final Script RELEASE_LEASE = script("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""");

	/** Extends a lease if this instance still holds it. */
	static final Script RENEW_LEASE = script("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 0
			""");

	private RedisScripts() {
	}

	/** Runs a script by its digest, sending its body only when Redis does not know it yet. */
	static <T> T run(RedisConnection connection, Script script, ReturnType type, int keys, byte[]... args) {
		try {
			return connection.scriptingCommands().evalSha(script.sha(), type, keys, args);
		}
		catch (RuntimeException ex) {
			if (!String.valueOf(ex.getMessage()).contains("NOSCRIPT")
					&& (ex.getCause() == null || !String.valueOf(ex.getCause().getMessage()).contains("NOSCRIPT"))) {
				throw ex;
			}
			return connection.scriptingCommands().eval(script.body(), type, keys, args);
		}
	}

	private static Script script(String source) {
		byte[] body = source.getBytes(StandardCharsets.UTF_8);
		try {
			return new Script(body, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A Lua script and its SHA-1 digest.
	 *
	 * @param body the script
	 * @param sha its digest, for {@code EVALSHA}
	 */
	record Script(byte[] body, String sha) {
	}

}
