package io.duocache.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The Lua scripts of the Redis store, each run by its digest. Reads and writes see a cache's
 * generation and an entry's version together, so a value computed before an invalidation is never
 * written after it; a remove and a clear publish their invalidation with the cache's next sequence
 * number in the same step.
 */
final class RedisScripts {

	/** Reads a cache's generation, then an entry's version and value under it. */
	static final Script LOAD = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			return {g, redis.call('GET', e .. ':version') or '0', redis.call('GET', e)}
			""");

	/** Writes an entry if the generation and its version are still those its read saw. */
	static final Script SAVE = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			if g ~= ARGV[3] then return 0 end
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			if (redis.call('GET', e .. ':version') or '0') ~= ARGV[4] then return 0 end
			redis.call('SET', e, ARGV[5], 'PX', ARGV[6])
			return 1
			""");

	/** Deletes an entry, bumps its version and publishes the removal. */
	static final Script REMOVE = script("""
			local g = redis.call('GET', KEYS[1]) or '0'
			local e = ARGV[1] .. g .. ':' .. ARGV[2]
			redis.call('UNLINK', e)
			redis.call('INCR', e .. ':version')
			redis.call('PEXPIRE', e .. ':version', ARGV[3])
			local s = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[4], s .. '|remove|' .. ARGV[2] .. '|' .. ARGV[5])
			return s
			""");

	/** Moves a cache to its next generation, publishes the clear and returns the cleared generation. */
	static final Script CLEAR = script("""
			local g = redis.call('INCR', KEYS[1])
			local s = redis.call('INCR', KEYS[2])
			redis.call('PUBLISH', ARGV[1], s .. '|clear||' .. ARGV[2])
			return g - 1
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
