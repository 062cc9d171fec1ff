package io.duocache.key;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.duocache.ParamHasher;

/**
 * Hashes an argument by its identity: equal but distinct objects get distinct keys, and keys are
 * valid only inside this JVM. Obtained through {@code Hashers.identity()}.
 */
public final class IdentityHasher implements ParamHasher<Object> {

	/** A shared instance; every instance hashes alike. */
	public static final IdentityHasher INSTANCE = new IdentityHasher();

	private static final long JVM_SALT = ThreadLocalRandom.current().nextLong();

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private static final Cache<Object, Token> TOKENS = Caffeine.newBuilder().weakKeys().build();

	@Override
	public Object hash(Object value) {
		return TOKENS.get(value, (ignored) -> new Token(JVM_SALT, SEQUENCE.incrementAndGet()));
	}

	/**
	 * Stands for one object for as long as it lives.
	 *
	 * @param salt differs in every JVM
	 * @param id the object's number in this JVM
	 */
	record Token(long salt, long id) {
	}

}
