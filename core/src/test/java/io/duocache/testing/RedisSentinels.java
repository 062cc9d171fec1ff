package io.duocache.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real master, its replica and three Sentinels ({@code redis-server sentinel.conf --sentinel},
 * {@code down-after-milliseconds 1000}) on free loopback ports, without persistence. Tests can kill
 * the master, pause and resume the replica (SIGSTOP, SIGCONT), send any server commands, and wait for
 * the Sentinels to promote the replica. Registered as a JUnit extension, it starts before a test class
 * and stops after it.
 */
public final class RedisSentinels implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

	/** The name the Sentinels monitor the master under. */
	public static final String MASTER_NAME = "duocache";

	private final List<Integer> sentinelPorts = new ArrayList<>();

	private int masterPort;

	private int replicaPort;

	private Process master;

	private Process replica;

	private RedisProcesses processes;

	/**
	 * Returns the topology, started before the tests of the class that registers it.
	 * @return the topology, not started yet
	 */
	public static RedisSentinels forEachTestClass() {
		return new RedisSentinels();
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.processes = new RedisProcesses("sentinel");
		List<Integer> ports = RedisProcesses.freePorts(5, false);
		this.masterPort = ports.get(0);
		this.replicaPort = ports.get(1);
		this.master = server(this.masterPort);
		this.replica = server(this.replicaPort, "--replicaof", "127.0.0.1", Integer.toString(this.masterPort));
		RedisCluster.awaitPong(this.masterPort);
		RedisCluster.awaitPong(this.replicaPort);
		awaitUntil("the replica to sync", () -> command(this.replicaPort, "INFO", "replication")
			.contains("master_link_status:up"));
		for (int port : ports.subList(2, 5)) {
			this.sentinelPorts.add(port);
			Path config = this.processes.folder().resolve("sentinel-" + port + ".conf");
			Files.writeString(config, String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no",
					"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + this.masterPort + " 2",
					"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
					"sentinel failover-timeout " + MASTER_NAME + " 5000",
					"sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
			this.processes.server("sentinel-" + port, config.toString(), "--sentinel");
		}
		for (int port : this.sentinelPorts) {
			RedisCluster.awaitPong(port);
			awaitUntil("Sentinel " + port + " to see the replica and the other Sentinels", () -> {
				String master = command(port, "SENTINEL", "MASTER", MASTER_NAME);
				return master.contains("num-slaves\n1") && master.contains("num-other-sentinels\n2");
			});
		}
	}

	private Process server(int port, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--protected-mode", "no"));
		arguments.addAll(List.of(more));
		return this.processes.server("server-" + port, arguments.toArray(String[]::new));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	public List<Integer> sentinelPorts() {
		return List.copyOf(this.sentinelPorts);
	}

	public int masterPort() {
		return this.masterPort;
	}

	public int replicaPort() {
		return this.replicaPort;
	}

	/** Sends one command to a server or Sentinel on a loopback port. */
	public String command(int port, Object... arguments) throws IOException {
		return RedisServer.commandOn(port, arguments);
	}

	/** Kills the master with SIGKILL. */
	public void killMaster() {
		RedisProcesses.signal(this.master, "KILL");
	}

	/** Freezes the replica (SIGSTOP): its connections stay open, nothing is answered or copied. */
	public void pauseReplica() {
		RedisProcesses.signal(this.replica, "STOP");
	}

	/** Thaws the replica (SIGCONT). */
	public void resumeReplica() {
		RedisProcesses.signal(this.replica, "CONT");
	}

	/** Waits until every Sentinel names the replica as the master. */
	public void awaitReplicaPromoted() {
		for (int port : this.sentinelPorts) {
			awaitUntil("Sentinel " + port + " to promote the replica", () -> command(port, "SENTINEL",
					"GET-MASTER-ADDR-BY-NAME", MASTER_NAME).endsWith("\n" + this.replicaPort));
		}
		awaitUntil("the replica to act as master", () -> command(this.replicaPort, "ROLE").startsWith("master"));
	}

	private void awaitUntil(String what, Check check) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try {
				if (check.holds()) {
					return;
				}
			}
			catch (IOException ex) {
				// Not ready yet.
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for " + what + "; logs in " + this.processes.folder());
			}
			RedisServer.sleep(50);
		}
	}

	@Override
	public void close() {
		if (this.processes != null) {
			this.processes.close();
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws IOException;

	}

}
