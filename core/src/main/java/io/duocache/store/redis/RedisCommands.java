package io.duocache.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.duocache.store.StoreUnavailableException;

/**
 * Runs the Redis store's commands within {@code duocache.redis.timeout}, whatever
 * {@code spring.data.redis.timeout} says: on a bounded pool of worker threads, or a read from the
 * caller's thread on the shared Lettuce connection once one is open ({@link CallerThreadReads}).
 * After repeated failures a circuit opens and commands are skipped until a probe succeeds. Every
 * failure is a {@link StoreUnavailableException}.
 */
final class RedisCommands {

	private final RedisConnectionFactory connections;

	private final RedisStoreSettings settings;

	private final CircuitBreaker circuit;

	private final ThreadPoolExecutor workers;

	private final @Nullable CallerThreadReads callerThreadReads;

	RedisCommands(RedisConnectionFactory connections, RedisStoreSettings settings) {
		this.connections = connections;
		this.settings = settings;
		this.circuit = new CircuitBreaker(5, settings.timeout().multipliedBy(8));
		this.callerThreadReads = CallerThreadReads.of(connections);
		this.workers = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
				daemon("duocache-redis"));
		this.workers.allowCoreThreadTimeOut(true);
	}

	/** Returns a factory of daemon threads named {@code name-N}. */
	static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	boolean isCircuitOpen() {
		return this.circuit.isOpen();
	}

	/**
	 * Reads keys of one slot ({@code MGET}, a missing key's value {@code null}): from the caller's
	 * thread once connected, else on a worker thread, within the timeout either way.
	 * @throws StoreUnavailableException if Redis failed, timed out, or is being skipped
	 */
	List<byte @Nullable []> read(byte[]... keys) {
		CallerThreadReads direct = this.callerThreadReads;
		if (direct == null || !direct.isConnected()) {
			return execute((connection) -> connection.stringCommands().mGet(keys));
		}
		if (!this.circuit.allow()) {
			throw new StoreUnavailableException("Redis is skipped after repeated failures", null);
		}
		try {
			return await(direct.read(keys));
		}
		catch (StoreUnavailableException ex) {
			direct.disconnect();
			throw ex;
		}
	}

	/**
	 * Runs one Redis operation on a worker thread within the timeout, unless the circuit is open.
	 * @throws StoreUnavailableException if Redis failed, timed out, or is being skipped
	 */
	<T> T execute(Function<RedisConnection, T> operation) {
		return execute(operation, this.settings.timeout());
	}

	/**
	 * Runs one Redis operation on a worker thread within a timeout of its own (one that waits on the
	 * server itself, as {@code WAIT} does), unless the circuit is open.
	 * @throws StoreUnavailableException if Redis failed, timed out, or is being skipped
	 */
	<T> T execute(Function<RedisConnection, T> operation, Duration timeout) {
		if (!this.circuit.allow()) {
			throw new StoreUnavailableException("Redis is skipped after repeated failures", null);
		}
		Future<T> result;
		try {
			result = this.workers.submit(() -> {
				T value;
				try (RedisConnection connection = this.connections.getConnection()) {
					value = operation.apply(connection);
				}
				if (this.callerThreadReads != null) {
					this.callerThreadReads.connect();
				}
				return value;
			});
		}
		catch (RejectedExecutionException ex) {
			this.circuit.failure();
			throw new StoreUnavailableException("too many Redis operations are waiting", ex);
		}
		return await(result, timeout);
	}

	private <T> T await(Future<T> result) {
		return await(result, this.settings.timeout());
	}

	private <T> T await(Future<T> result, Duration timeout) {
		try {
			T value = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.circuit.success();
			return value;
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			this.circuit.failure();
			throw new StoreUnavailableException("no answer from Redis within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			this.circuit.failure();
			throw new StoreUnavailableException("Redis failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.circuit.failure();
			throw new StoreUnavailableException("interrupted while waiting for Redis", ex);
		}
	}

	void close() {
		this.workers.shutdownNow();
		if (this.callerThreadReads != null) {
			this.callerThreadReads.disconnect();
		}
	}

}
