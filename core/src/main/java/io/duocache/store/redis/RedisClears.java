package io.duocache.store.redis;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

import static io.duocache.store.redis.RedisLayout.bytes;
import static io.duocache.store.redis.RedisLayout.number;

/**
 * Clears a cache: one script moves it past every generation Redis or this instance has seen and
 * publishes the clear; where the server has replicas, the clear waits ({@code WAIT 1}, bounded by
 * {@code duocache.redis.timeout}) for one to acknowledge it and counts when none did; the old
 * generations' entries are then freed in the background with {@code SCAN} and {@code UNLINK} on every
 * master, never {@code KEYS}.
 */
final class RedisClears {

	private static final Log logger = LogFactory.getLog(RedisClears.class);

	private final RedisCommands commands;

	private final RedisLayout layout;

	private final RedisStoreSettings settings;

	private final ScheduledExecutorService background;

	private final AtomicLong unacknowledged = new AtomicLong();

	/**
	 * Whether the server was seen with a replica: from then on every clear waits for one, also while
	 * none is connected (cut off, or lost in a failover), so that such a clear is counted.
	 */
	private volatile boolean replicated;

	RedisClears(RedisCommands commands, RedisLayout layout, RedisStoreSettings settings,
			ScheduledExecutorService background) {
		this.commands = commands;
		this.layout = layout;
		this.settings = settings;
		this.background = background;
	}

	long unacknowledged() {
		return this.unacknowledged.get();
	}

	/** Looks whether the server has a replica now; called when the subscription is made and by each clear. */
	void checkReplicas() {
		this.commands.execute((connection) -> hasReplicas(connection));
	}

	/** Whether writes to the server are copied to a replica that {@code WAIT} can wait for. */
	private boolean hasReplicas(RedisConnection connection) {
		if (!this.replicated && !(connection instanceof RedisClusterConnection)) {
			Properties replication = connection.serverCommands().info("replication");
			this.replicated = replication != null && number(replication.getProperty("connected_slaves", "0")) > 0;
		}
		return this.replicated;
	}

	void clear(String cacheName, RedisGenerations generations) {
		long known = generations.current(cacheName);
		// The script's round trip, then up to the timeout on the server for a replica's acknowledgement.
		Cleared cleared = this.commands.execute((connection) -> clear(connection, cacheName, known),
				this.settings.timeout().multipliedBy(2));
		generations.raise(cacheName, cleared.generation());
		if (cleared.had() < known) {
			generations.restored(cacheName, cleared.had(), known);
		}
		if (!cleared.acknowledged()) {
			this.unacknowledged.incrementAndGet();
			logger.warn("No replica acknowledged the clear of cache '" + cacheName + "' within "
					+ this.settings.timeout() + "; should Redis fail over now, the instances that saw it restore it");
		}
		this.background.execute(() -> unlinkGenerations(cacheName, cleared.had(), cleared.generation()));
	}

	/**
	 * Runs the clear; where the server has replicas, pipelined on a connection of its own with
	 * {@code WAIT 1}, which blocks only that connection.
	 */
	private Cleared clear(RedisConnection connection, String cacheName, long known) {
		byte[][] keysAndArgs = { bytes(this.layout.generation(cacheName)), bytes(this.layout.sequence(cacheName)),
				bytes(this.layout.channel()), bytes(cacheName), bytes(Long.toString(known)) };
		if (!(connection instanceof LettuceConnection lettuce) || !hasReplicas(connection)) {
			List<Object> answer = RedisScripts.run(connection, RedisScripts.CLEAR, ReturnType.MULTI, 2, keysAndArgs);
			return new Cleared(number(answer.get(0)), number(answer.get(1)), true);
		}
		lettuce.openPipeline();
		lettuce.scriptingCommands().eval(RedisScripts.CLEAR.body(), ReturnType.MULTI, 2, keysAndArgs);
		lettuce.execute("WAIT", new IntegerOutput<>(ByteArrayCodec.INSTANCE), bytes("1"),
				bytes(Long.toString(this.settings.timeout().toMillis())));
		List<@Nullable Object> results = lettuce.closePipeline();
		List<?> answer = (List<?>) results.get(0);
		return new Cleared(number(answer.get(0)), number(answer.get(1)), number(results.get(1)) > 0);
	}

	/** Frees the entries of the generations a clear left behind, on every master. */
	private void unlinkGenerations(String cacheName, long had, long now) {
		for (long generation = Math.max(had, now - 3); generation < now; generation++) {
			String pattern = this.layout.entries(cacheName, generation);
			try {
				this.commands.execute((connection) -> {
					ScanOptions options = ScanOptions.scanOptions().match(pattern).count(500).build();
					if (connection instanceof RedisClusterConnection cluster) {
						for (RedisClusterNode node : cluster.clusterGetNodes()) {
							if (node.isMaster() && node.isConnected()) {
								unlink(connection, cluster.scan(node, options));
							}
						}
					}
					else {
						unlink(connection, connection.keyCommands().scan(options));
					}
					return null;
				});
			}
			catch (RuntimeException ex) {
				logger.debug("Could not free cleared entries of cache '" + cacheName + "'; they expire on their own", ex);
			}
		}
	}

	private static void unlink(RedisConnection connection, Cursor<byte[]> keys) {
		try (keys) {
			for (int scanned = 0; keys.hasNext() && scanned < 1_000_000; scanned++) {
				connection.keyCommands().unlink(keys.next());
			}
		}
	}

	/** What a clear made: the new generation, the one Redis had, whether a replica acknowledged it. */
	private record Cleared(long generation, long had, boolean acknowledged) {
	}

}
