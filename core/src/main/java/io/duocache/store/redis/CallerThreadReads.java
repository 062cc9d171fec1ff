package io.duocache.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Sends reads from the caller's thread straight to the application's shared Lettuce connection
 * (standalone, Sentinel or Cluster), one {@code MGET} and no script, instead of handing each one to a
 * worker thread and waiting for it. Only getting the connection, which blocks for as long as connecting
 * takes when Redis is down, stays on a worker thread: it is {@link #connect() done there} after Redis
 * has answered, and {@link #disconnect() undone} when a read fails, so the next read goes through a
 * worker again until Redis answers.
 */
final class CallerThreadReads {

	private final LettuceConnectionFactory factory;

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	private CallerThreadReads(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/**
	 * Returns the reads for a Lettuce factory that shares its native connection, or {@code null}
	 * (Jedis, or a factory that hands out a connection of its own each time).
	 */
	static @Nullable CallerThreadReads of(RedisConnectionFactory connections) {
		if (!ClassUtils.isPresent("io.lettuce.core.RedisClient", CallerThreadReads.class.getClassLoader())
				|| !(connections instanceof LettuceConnectionFactory lettuce) || !lettuce.getShareNativeConnection()) {
			return null;
		}
		return new CallerThreadReads(lettuce);
	}

	boolean isConnected() {
		return this.commands != null;
	}

	/** Gets the shared connection; called on a worker thread right after Redis answered there. */
	@SuppressWarnings("unchecked")
	void connect() {
		if (this.commands == null) {
			try (RedisConnection connection = this.factory.getConnection()) {
				this.commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			}
		}
	}

	void disconnect() {
		this.commands = null;
	}

	/** Reads keys of one slot with {@code MGET}; a missing key's value is {@code null}. */
	CompletableFuture<List<byte @Nullable []>> read(byte[]... keys) {
		RedisClusterAsyncCommands<byte[], byte[]> current = this.commands;
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
		}
		return current.mget(keys).thenApply(CallerThreadReads::values).toCompletableFuture();
	}

	private static List<byte @Nullable []> values(List<KeyValue<byte[], byte[]>> read) {
		List<byte @Nullable []> values = new ArrayList<>(read.size());
		for (KeyValue<byte[], byte[]> value : read) {
			values.add(value.hasValue() ? value.getValue() : null);
		}
		return values;
	}

}
