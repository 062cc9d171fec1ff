package io.duocache.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis processes for topology tests (a cluster, Sentinel): this machine's {@code redis-server} and
 * {@code redis-cli}, started on free loopback ports in a folder of their own. Where the binaries are
 * missing, starting fails and says what to install: a topology test never skips.
 */
final class RedisProcesses implements AutoCloseable {

	private static final List<String> FOLDERS = List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin");

	private final Path server;

	private final Path cli;

	private final Path folder;

	private final List<Process> started = new ArrayList<>();

	RedisProcesses(String purpose) {
		this.server = binary("redis-server", purpose);
		this.cli = binary("redis-cli", purpose);
		try {
			this.folder = Files.createTempDirectory("duocache-" + purpose);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Path binary(String name, String purpose) {
		return FOLDERS.stream()
			.map((folder) -> Path.of(folder, name))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new AssertionError("The Redis " + purpose + " tests start a real " + purpose + " from "
					+ "this machine's redis-server and redis-cli and found neither in " + FOLDERS + ". Install Debian's "
					+ "package (apt-get install -y redis-server; .ci/run does) or Redis 7 from your system's packages."));
	}

	Path folder() {
		return this.folder;
	}

	/** Starts {@code redis-server} with these arguments, its output in a log file of the folder. */
	Process server(String logName, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.server.toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(this.folder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.folder.resolve(logName + ".log").toFile())
				.start();
			this.started.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new AssertionError("Could not start " + this.server, ex);
		}
	}

	/** Runs {@code redis-cli} with these arguments and returns its output; fails unless it exits 0. */
	String cli(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.cli.toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("redis-cli " + String.join(" ", arguments) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Sends a signal to a process ({@code KILL}, {@code STOP}, {@code CONT}). */
	static void signal(Process process, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new AssertionError("kill -" + signal + " failed");
			}
			if (signal.equals("KILL")) {
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns distinct free loopback ports, each with its cluster bus port (port + 10000) free too when
	 * asked. They are held open together while chosen: servers started one after the other bind
	 * asynchronously, so ports chosen one by one could repeat.
	 */
	static List<Integer> freePorts(int count, boolean withBus) {
		List<ServerSocket> held = new ArrayList<>();
		try {
			for (int attempt = 0; attempt < 100 * count && held.size() < count; attempt++) {
				ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
				int port = socket.getLocalPort();
				boolean busClashes = held.stream()
					.anyMatch((other) -> other.getLocalPort() == port + 10000 || other.getLocalPort() + 10000 == port);
				if (!withBus || (port + 10000 <= 65535 && isFree(port + 10000) && !busClashes)) {
					held.add(socket);
				}
				else {
					socket.close();
				}
			}
			if (held.size() < count) {
				throw new AssertionError("No " + count + " free loopback ports" + (withBus ? " with free bus ports" : ""));
			}
			return held.stream().map(ServerSocket::getLocalPort).toList();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		finally {
			for (ServerSocket socket : held) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a socket bound for a moment; nothing to do.
				}
			}
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		for (Process process : this.started) {
			if (process.isAlive()) {
				signal(process, "CONT");
				process.destroyForcibly();
			}
		}
		for (Process process : this.started) {
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
