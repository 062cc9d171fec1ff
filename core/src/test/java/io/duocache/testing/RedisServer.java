package io.duocache.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis 7 server for tests on a random loopback port, without persistence: the
 * {@code redis-server} binary of this machine, or where there is none, a Testcontainers
 * {@code redis:7} container when Docker is available ({@code -Dduocache.test.redis=docker} chooses the
 * container even where a binary is installed). Tests can stop, pause (SIGSTOP, or the container's
 * freezer), resume and restart it on the same port, and send it commands. Where neither exists,
 * starting fails and says what to install: a Redis test never skips. Registered as a JUnit extension
 * ({@link #forEachTestClass()}), it starts before a test class and stops after it.
 */
public final class RedisServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

	private static final List<String> BINARIES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
			"/opt/homebrew/bin/redis-server");

	private final List<Path> binaries;

	private final BooleanSupplier dockerAvailable;

	private final int port = freePort();

	/** Where the server runs, chosen when it starts. */
	private Server server;

	private RedisServer(List<Path> binaries, BooleanSupplier dockerAvailable) {
		this.binaries = binaries;
		this.dockerAvailable = dockerAvailable;
	}

	/**
	 * Returns a server that starts before the tests of the class that registers it (with
	 * {@code @RegisterExtension} on a static field) and stops after them.
	 * @return the server, not started yet
	 */
	public static RedisServer forEachTestClass() {
		return new RedisServer(BINARIES.stream().map(Path::of).toList(),
				() -> DockerClientFactory.instance().isDockerAvailable());
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	public static RedisServer start() {
		RedisServer redis = forEachTestClass();
		redis.begin();
		return redis;
	}

	static RedisServer start(List<Path> binaries, BooleanSupplier dockerAvailable) {
		RedisServer redis = new RedisServer(binaries, dockerAvailable);
		redis.begin();
		return redis;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		begin();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void begin() {
		boolean dockerChosen = "docker".equals(System.getProperty("duocache.test.redis"));
		Path binary = this.binaries.stream().filter(Files::isExecutable).findFirst().orElse(null);
		if (binary != null && !dockerChosen) {
			this.server = new LocalProcess(binary, this.port);
		}
		else if (this.dockerAvailable.getAsBoolean()) {
			this.server = new DockerContainer(this.port);
		}
		else {
			throw new AssertionError("The Redis tests need a real Redis 7 and found neither a redis-server binary"
					+ (dockerChosen ? " (none was wanted: -Dduocache.test.redis=docker)" : "")
					+ " nor a Docker engine for a redis:7 container. Install Debian's package (apt-get install -y "
					+ "redis-server; .ci/run does), Redis 7 from your system's packages, or Docker.");
		}
		launch();
	}

	private void launch() {
		this.server.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				if ("PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (System.nanoTime() > deadline || !this.server.isRunning()) {
				throw new AssertionError(this.server + " did not answer on port " + this.port);
			}
			sleep(20);
		}
	}

	public int port() {
		return this.port;
	}

	/** Stops the server, waiting until it is gone. */
	public void stop() {
		this.server.stop();
	}

	/** Starts the server again on the same port, empty. */
	public void restart() {
		stop();
		launch();
	}

	/** Freezes the server: connections stay open but nothing is answered. */
	public void pause() {
		this.server.pause();
	}

	/** Thaws a paused server. */
	public void resume() {
		this.server.resume();
	}

	/**
	 * Sends one command on a connection of its own and returns the reply as text (a number as its
	 * digits, an array as its elements joined by newlines, nil as {@code null}).
	 * @param arguments the command and its arguments
	 * @return the reply
	 * @throws IOException if the server cannot be reached, or answers with an error
	 */
	public String command(Object... arguments) throws IOException {
		return commandOn(this.port, arguments);
	}

	/**
	 * Sends one command to the server on a loopback port, on a connection of its own, and returns the
	 * reply as {@link #command(Object...)} does.
	 * @param port the server's port
	 * @param arguments the command and its arguments
	 * @return the reply
	 * @throws IOException if the server cannot be reached, or answers with an error
	 */
	public static String commandOn(int port, Object... arguments) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			for (Object argument : arguments) {
				byte[] bytes = (argument instanceof byte[] raw) ? raw
						: argument.toString().getBytes(StandardCharsets.UTF_8);
				request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
				request.write(bytes);
				request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write(request.toByteArray());
			out.flush();
			return reply(new BufferedInputStream(socket.getInputStream()));
		}
	}

	/**
	 * Returns the raw value of a key, or {@code null}.
	 * @param key the key
	 * @return its bytes
	 * @throws IOException if the server cannot be reached
	 */
	public byte[] get(String key) throws IOException {
		String value = command("GET", key);
		return (value != null) ? value.getBytes(StandardCharsets.ISO_8859_1) : null;
	}

	private static String reply(InputStream in) throws IOException {
		String line = line(in);
		char type = line.charAt(0);
		String rest = line.substring(1);
		switch (type) {
			case '+', ':' -> {
				return rest;
			}
			case '-' -> throw new IOException(rest);
			case '$' -> {
				int length = Integer.parseInt(rest);
				if (length < 0) {
					return null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			case '*' -> {
				int count = Integer.parseInt(rest);
				List<String> elements = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					elements.add(reply(in));
				}
				return String.join("\n", elements);
			}
			default -> throw new IOException("Unexpected reply: " + line);
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("Connection closed");
			}
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
			}
			line.write(next);
			previous = next;
		}
	}

	/** A free loopback port. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/** Waits a little, between two looks at a server that is not ready yet. */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

	/** Where the server runs. */
	private interface Server {

		void start();

		boolean isRunning();

		void stop();

		void pause();

		void resume();

		void close();

	}

	/** The machine's own binary, run as a child process. */
	private static final class LocalProcess implements Server {

		private final Path binary;

		private final int port;

		private Process process;

		LocalProcess(Path binary, int port) {
			this.binary = binary;
			this.port = port;
		}

		@Override
		public void start() {
			try {
				this.process = new ProcessBuilder(this.binary.toString(), "--port", Integer.toString(this.port),
						"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no")
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				throw new AssertionError("Could not start " + this.binary, ex);
			}
		}

		@Override
		public boolean isRunning() {
			return this.process.isAlive();
		}

		@Override
		public void stop() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void pause() {
			signal("STOP");
		}

		@Override
		public void resume() {
			signal("CONT");
		}

		private void signal(String signal) {
			try {
				Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start();
				if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
					throw new AssertionError("kill -" + signal + " failed");
				}
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			if (this.process.isAlive()) {
				resume();
				stop();
			}
		}

		@Override
		public String toString() {
			return this.binary.toString();
		}

	}

	/**
	 * A {@code redis:7} container whose port is bound to the chosen loopback port, so that it keeps
	 * the port across a stop and a start like the binary does.
	 */
	private static final class DockerContainer implements Server {

		private final GenericContainer<?> container;

		private boolean running;

		DockerContainer(int port) {
			this.container = new GenericContainer<>(DockerImageName.parse("redis:7"))
				.withCommand("redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no")
				.withExposedPorts(6379)
				.withCreateContainerCmdModifier((create) -> create.getHostConfig()
					.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port),
							ExposedPort.tcp(6379))));
		}

		@Override
		public void start() {
			if (this.container.getContainerId() == null) {
				this.container.start();
			}
			else {
				this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
			}
			this.running = true;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public void stop() {
			this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
			this.running = false;
		}

		@Override
		public void pause() {
			this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void resume() {
			this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
		}

		@Override
		public void close() {
			this.container.stop();
		}

		@Override
		public String toString() {
			return "The redis:7 container";
		}

	}

}
