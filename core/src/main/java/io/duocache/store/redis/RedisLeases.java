package io.duocache.store.redis;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.types.Expiration;

import static io.duocache.store.redis.RedisLayout.bytes;

/**
 * The leases through which one instance at a time computes a missing key: {@code SET NX PX} with
 * this instance's token, renewed while the computation runs, released by compare-and-delete. A lease
 * only saves work; nothing depends on it for correctness.
 */
final class RedisLeases {

	private static final Log logger = LogFactory.getLog(RedisLeases.class);

	private final RedisCommands commands;

	private final RedisStoreSettings settings;

	private final ScheduledExecutorService renewals;

	private final String token = UUID.randomUUID().toString();

	private final Map<String, Lease> held = new ConcurrentHashMap<>();

	RedisLeases(RedisCommands commands, RedisStoreSettings settings, ScheduledExecutorService renewals) {
		this.commands = commands;
		this.settings = settings;
		this.renewals = renewals;
	}

	/** Takes a lease unless another instance holds it; a taken lease is renewed until released. */
	boolean take(String leaseKey) {
		Boolean taken = this.commands.execute((connection) -> connection.stringCommands()
			.set(bytes(leaseKey), bytes(this.token), Expiration.from(this.settings.lease()), SetOption.ifAbsent()));
		if (!Boolean.TRUE.equals(taken)) {
			return false;
		}
		long renewEvery = Math.max(10, this.settings.lease().toMillis() / 3);
		Lease lease = new Lease(leaseKey, this.renewals.scheduleWithFixedDelay(() -> renew(leaseKey), renewEvery,
				renewEvery, TimeUnit.MILLISECONDS));
		Lease previous = this.held.put(leaseKey, lease);
		if (previous != null) {
			previous.renewal().cancel(false);
		}
		return true;
	}

	private void renew(String leaseKey) {
		try {
			this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.RENEW_LEASE,
					ReturnType.INTEGER, 1, bytes(leaseKey), bytes(this.token),
					bytes(Long.toString(this.settings.lease().toMillis()))));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not renew the lease " + leaseKey, ex);
		}
	}

	/** Releases a lease this instance holds; one it does not hold is left alone. */
	void release(String leaseKey) {
		Lease lease = this.held.remove(leaseKey);
		if (lease == null) {
			return;
		}
		lease.renewal().cancel(false);
		try {
			this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.RELEASE_LEASE,
					ReturnType.INTEGER, 1, bytes(lease.key()), bytes(this.token)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the lease " + lease.key() + "; it expires on its own", ex);
		}
	}

	/** Stops renewing every lease; they expire on their own. */
	void close() {
		this.held.values().forEach((lease) -> lease.renewal().cancel(false));
	}

	private record Lease(String key, ScheduledFuture<?> renewal) {
	}

}
