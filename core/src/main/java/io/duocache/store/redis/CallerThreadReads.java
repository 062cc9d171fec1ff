package io.duocache.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Flux;

/**
 * Sends reads from the caller's thread through the application's reactive (Lettuce) connection,
 * instead of handing each one to a worker thread and waiting for it. Only getting the connection,
 * which blocks for as long as connecting takes when Redis is down, stays on a worker thread: it is
 * {@link #connect() done there} after Redis has answered, and {@link #disconnect() undone} when a
 * read fails, so the next read goes through a worker again until Redis answers.
 */
final class CallerThreadReads {

	private final ReactiveRedisConnectionFactory factory;

	private volatile @Nullable ReactiveRedisConnection connection;

	private CallerThreadReads(ReactiveRedisConnectionFactory factory) {
		this.factory = factory;
	}

	/** Returns the reads for a factory that has a reactive side (Lettuce), or null (Jedis). */
	static @Nullable CallerThreadReads of(RedisConnectionFactory connections) {
		if (!ClassUtils.isPresent("reactor.core.publisher.Flux", CallerThreadReads.class.getClassLoader())
				|| !(connections instanceof ReactiveRedisConnectionFactory reactive)) {
			return null;
		}
		return new CallerThreadReads(reactive);
	}

	boolean isConnected() {
		return this.connection != null;
	}

	/** Gets the connection; called on a worker thread right after Redis answered there. */
	void connect() {
		if (this.connection == null) {
			this.connection = this.factory.getReactiveConnection();
		}
	}

	void disconnect() {
		ReactiveRedisConnection current = this.connection;
		this.connection = null;
		if (current != null) {
			current.closeLater();
		}
	}

	/**
	 * Runs a script by its digest, sending its body when Redis does not know it yet, and collects
	 * the values it returns, each as bytes; a nil value is left out.
	 */
	CompletableFuture<List<byte[]>> run(String sha, byte[] body, int keys, byte[]... args) {
		ReactiveRedisConnection current = this.connection;
		if (current == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
		}
		Flux<Object> values = current.scriptingCommands().<Object>evalSha(sha, ReturnType.MULTI, keys, buffers(args))
			.onErrorResume((ex) -> String.valueOf(ex.getMessage()).contains("NOSCRIPT"), (ex) -> current
				.scriptingCommands()
				.eval(ByteBuffer.wrap(body), ReturnType.MULTI, keys, buffers(args)));
		return values.collectList().map(CallerThreadReads::nonNilValues).toFuture();
	}

	/** Lettuce hands a script's array reply over as one element, a list. */
	private static List<byte[]> nonNilValues(List<Object> reply) {
		List<byte[]> values = new ArrayList<>();
		for (Object element : reply) {
			if (element instanceof List<?> nested) {
				nested.stream().filter(Objects::nonNull).forEach((value) -> values.add(bytes(value)));
			}
			else if (element != null) {
				values.add(bytes(element));
			}
		}
		return values;
	}

	private static ByteBuffer[] buffers(byte[][] args) {
		ByteBuffer[] buffers = new ByteBuffer[args.length];
		for (int i = 0; i < args.length; i++) {
			buffers[i] = ByteBuffer.wrap(args[i]);
		}
		return buffers;
	}

	private static byte[] bytes(Object value) {
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		return (value instanceof byte[] raw) ? raw : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
	}

}
