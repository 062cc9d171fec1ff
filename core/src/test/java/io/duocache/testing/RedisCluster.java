package io.duocache.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster of three masters on free loopback ports, joined with
 * {@code redis-cli --cluster create} (bus port = port + 10000), without persistence and with
 * {@code cluster-require-full-coverage no}, so the masters left keep serving their slots when one is
 * killed. Tests can kill a master, move slots between masters and send any master commands.
 * Registered as a JUnit extension, it starts before a test class and stops after it.
 */
public final class RedisCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

	private static final int MASTERS = 3;

	private final List<Integer> ports = new ArrayList<>();

	private final List<Process> masters = new ArrayList<>();

	private RedisProcesses processes;

	/**
	 * Returns a cluster that starts before the tests of the class that registers it.
	 * @return the cluster, not started yet
	 */
	public static RedisCluster forEachTestClass() {
		return new RedisCluster();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.processes = new RedisProcesses("cluster");
		List<String> addresses = new ArrayList<>();
		for (int port : RedisProcesses.freePorts(MASTERS, true)) {
			this.ports.add(port);
			addresses.add("127.0.0.1:" + port);
			this.masters.add(this.processes.server("node-" + port, "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--cluster-enabled",
					"yes", "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "1000",
					"--cluster-require-full-coverage", "no"));
		}
		this.ports.forEach(RedisCluster::awaitPong);
		List<String> create = new ArrayList<>(List.of("--cluster", "create"));
		create.addAll(addresses);
		create.add("--cluster-yes");
		this.processes.cli(create.toArray(String[]::new));
		awaitState("ok");
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/** The ports of the masters, in the order they were started. */
	public List<Integer> ports() {
		return List.copyOf(this.ports);
	}

	/** Sends one command to one master. */
	public String command(int master, Object... arguments) throws IOException {
		return RedisServer.commandOn(this.ports.get(master), arguments);
	}

	/** Returns the number of keys one master holds. */
	public long keysOn(int master) throws IOException {
		return Long.parseLong(command(master, "DBSIZE"));
	}

	/** Kills one master with SIGKILL. */
	public void kill(int master) {
		RedisProcesses.signal(this.masters.get(master), "KILL");
	}

	/** Moves slots from one master to another with {@code redis-cli --cluster reshard}, while traffic goes on. */
	public void reshard(int from, int to, int slots) throws IOException {
		this.processes.cli("--cluster", "reshard", "127.0.0.1:" + this.ports.get(from), "--cluster-from",
				command(from, "CLUSTER", "MYID"), "--cluster-to", command(to, "CLUSTER", "MYID"), "--cluster-slots",
				Integer.toString(slots), "--cluster-yes");
	}

	/** Empties every master that is still running. */
	public void flushAll() throws IOException {
		for (int i = 0; i < MASTERS; i++) {
			if (this.masters.get(i).isAlive()) {
				command(i, "FLUSHALL");
			}
		}
	}

	private void awaitState(String state) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (int port : this.ports) {
			while (true) {
				try {
					if (RedisServer.commandOn(port, "CLUSTER", "INFO").contains("cluster_state:" + state)) {
						break;
					}
				}
				catch (IOException ex) {
					// Not ready yet.
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("The cluster did not reach state " + state + "; logs in "
							+ this.processes.folder());
				}
				RedisServer.sleep(50);
			}
		}
	}

	static void awaitPong(int port) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				if ("PONG".equals(RedisServer.commandOn(port, "PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("redis-server did not answer on port " + port);
			}
			RedisServer.sleep(20);
		}
	}

	@Override
	public void close() {
		if (this.processes != null) {
			this.processes.close();
		}
	}

}
