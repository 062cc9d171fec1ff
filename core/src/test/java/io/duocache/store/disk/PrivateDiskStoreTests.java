package io.duocache.store.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntrySigner;
import io.duocache.store.StoredEntry;
import io.duocache.store.UnknownSigningKeyException;
import io.duocache.testing.EntryFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The disk store keeps what it caches private to the application's user, tried with real files, a
 * real umask and the real second user {@code nobody}: owner-only folders and files from their
 * creation, folders another user prepared refused, and entries that anyone without the signing key
 * rewrote never served.
 */
class PrivateDiskStoreTests {

	private static final CacheKey KEY = new CacheKey(1, 2);

	private static final String NOBODY = "nobody";

	@TempDir
	Path folder;

	private final List<DiskEntryStore> stores = new ArrayList<>();

	@AfterEach
	void close() {
		this.stores.forEach(DiskEntryStore::close);
	}

	@Test
	void createsEveryFolderAndFileOwnerOnlyEvenUnderAUmaskThatOpensEverything() throws Exception {
		Path root = this.folder.resolve("a/b/store");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process writer = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" once", java,
				System.getProperty("java.class.path"), DiskWriter.class.getName(), root.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("the writer ended").isTrue();
		assertThat(writer.exitValue()).as(new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
		List<Path> written;
		try (Stream<Path> all = Files.walk(this.folder.resolve("a"))) {
			written = all.toList();
		}
		assertThat(written).anyMatch((path) -> path.toString().endsWith(".entry"))
			.anyMatch((path) -> path.endsWith(SigningKeyFile.NAME));
		for (Path path : written) {
			String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
			assertThat(permissions(path)).as(path.toString()).isEqualTo(expected);
		}
	}

	@Test
	void keepsEntriesUnreadableToAnotherUser() throws Exception {
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		DiskEntryStore store = open(this.folder.resolve("store"));
		store.save("rides", KEY, new StoredEntry(new byte[100], Instant.now(), null));
		Path entry = store.entryFile("rides", KEY);
		assertThat(runAs(NOBODY, "cat", entry.toString())).as("nobody reads the entry").isNotZero();
		assertThat(runAs(NOBODY, "ls", this.folder.resolve("store").toString())).as("nobody lists the folder")
			.isNotZero();
		assertThat(runAs(NOBODY, "cat", this.folder.resolve("store").resolve(SigningKeyFile.NAME).toString()))
			.as("nobody reads the signing key")
			.isNotZero();
	}

	@Test
	void refusesAWorldWritableFolderPlantedByAnotherUser() throws Exception {
		Path planted = Files.createDirectory(this.folder.resolve("duocache"));
		Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
		giveTo(planted, NOBODY);
		DiskEntryStore store = new DiskEntryStore(settings(planted));
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(store::open)
			.withMessageContaining("duocache.persist.directory")
			.withMessageContaining(planted.toString())
			.withMessageContaining("owned by nobody (rwxrwxrwx)")
			.withMessageContaining("point duocache.persist.directory at a folder of this user's own");
		assertThat(planted).isEmptyDirectory();
	}

	@Test
	void refusesAFolderWhoseParentAnotherUserCanReplace() throws Exception {
		Path shared = Files.createDirectory(this.folder.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
		giveTo(shared, NOBODY);
		Path root = shared.resolve("duocache");
		DiskEntryStore store = new DiskEntryStore(settings(root));
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(store::open)
			.withMessageContaining("duocache.persist.directory")
			.withMessageContaining(shared + ", or a folder in its path, is owned by nobody");
		assertThat(root).doesNotExist();
	}

	@Test
	void refusesAParentOfItsOwnUserThatOthersMayWrite() throws IOException {
		Path shared = Files.createDirectory(this.folder.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
		DiskEntryStore store = new DiskEntryStore(settings(shared.resolve("duocache")));
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(store::open)
			.withMessageContaining("is rwxrwxrwx, so other users could replace what is in it")
			.withMessageContaining("chmod go-w " + shared);
	}

	@Test
	void tightensItsOwnFoldersThatOthersCouldRead() throws IOException {
		Path root = Files.createDirectory(this.folder.resolve("store"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		DiskEntryStore first = open(root);
		first.save("rides", KEY, new StoredEntry(new byte[10], Instant.now(), null));
		Path cacheFolder = first.entryFile("rides", KEY).getParent();
		first.close();
		Files.setPosixFilePermissions(cacheFolder, PosixFilePermissions.fromString("rwxrwxr-x"));
		Files.setPosixFilePermissions(root.resolve(SigningKeyFile.NAME), PosixFilePermissions.fromString("rw-r--r--"));

		DiskEntryStore second = open(root);
		second.save("rides", new CacheKey(3, 3), new StoredEntry(new byte[10], Instant.now(), null));
		assertThat(permissions(root)).isEqualTo("rwx------");
		assertThat(permissions(cacheFolder)).isEqualTo("rwx------");
		assertThat(permissions(root.resolve(SigningKeyFile.NAME))).isEqualTo("rw-------");
		assertThat(second.load("rides", KEY)).as("an entry of the first run").isNotNull();
	}

	@Test
	void neverServesAnEntryRewrittenWithAValidChecksumButWithoutTheKey() throws IOException {
		DiskEntryStore store = open(this.folder.resolve("store"));
		store.save("rides", KEY, new StoredEntry("the real value".getBytes(StandardCharsets.UTF_8), Instant.now(), null));
		Path file = store.entryFile("rides", KEY);
		byte[] forged = "a forged value".getBytes(StandardCharsets.UTF_8);
		Files.write(file, EntryFiles.rewritten(Files.readAllBytes(file), forged));

		assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> store.load("rides", KEY))
			.withMessageContaining("signature does not match");
		assertThat(file).doesNotExist();
	}

	@Test
	void signsWithTheConfiguredKeyWhereThereIsOneSoTwoFoldersShareEntries() throws IOException {
		String key = "k".repeat(EntrySigner.MIN_SECRET_LENGTH);
		DiskEntryStore one = open(new DiskStoreSettings(this.folder.resolve("one"), DataSize.ofMegabytes(1),
				Duration.ofHours(1), key));
		DiskEntryStore two = open(new DiskStoreSettings(this.folder.resolve("two"), DataSize.ofMegabytes(1),
				Duration.ofHours(1), key));
		one.save("rides", KEY, new StoredEntry(new byte[10], Instant.now(), null));
		Files.createDirectories(two.entryFile("rides", KEY).getParent());
		Files.copy(one.entryFile("rides", KEY), two.entryFile("rides", KEY));
		assertThat(two.load("rides", KEY)).isNotNull();
		assertThat(this.folder.resolve("one").resolve(SigningKeyFile.NAME)).doesNotExist();
	}

	@Test
	void neverServesAnEntryOfAFolderWithAnotherKey() throws IOException {
		DiskEntryStore one = open(this.folder.resolve("one"));
		DiskEntryStore two = open(this.folder.resolve("two"));
		one.save("rides", KEY, new StoredEntry(new byte[10], Instant.now(), null));
		two.save("rides", KEY, new StoredEntry(new byte[10], Instant.now(), null));
		Files.copy(one.entryFile("rides", KEY), two.entryFile("rides", KEY),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		assertThatExceptionOfType(UnknownSigningKeyException.class).as("a miss, not tampering")
			.isThrownBy(() -> two.load("rides", KEY));
		assertThat(two.entryFile("rides", KEY)).as("left in place").exists();
	}

	@Test
	void replacesASigningKeyOfTheWrongLengthAndTreatsWhatTheOldOneSignedAsMisses() throws IOException {
		Path root = this.folder.resolve("store");
		DiskEntryStore first = open(root);
		first.save("rides", KEY, new StoredEntry("signed before".getBytes(StandardCharsets.UTF_8), Instant.now(), null));
		first.close();
		Path keyFile = root.resolve(SigningKeyFile.NAME);
		byte[] damaged = Arrays.copyOf(Files.readAllBytes(keyFile), 11);
		Files.write(keyFile, damaged);
		ListAppender<ILoggingEvent> warnings = warningsOf(SigningKeyFile.class);

		DiskEntryStore second = open(root);
		assertThat(warnings.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
			.contains(keyFile.toString())
			.contains("11 bytes instead of 32")
			.contains("replaced by a new key");
		assertThat(Files.readAllBytes(keyFile)).hasSize(32).isNotEqualTo(Arrays.copyOf(damaged, 32));
		assertThat(permissions(keyFile)).isEqualTo("rw-------");
		assertThatExceptionOfType(UnknownSigningKeyException.class).as("an entry signed with the damaged key's original")
			.isThrownBy(() -> second.load("rides", KEY));
		second.save("rides", KEY, new StoredEntry("signed after".getBytes(StandardCharsets.UTF_8), Instant.now(), null));
		assertThat(new String(second.load("rides", KEY).bytes(), StandardCharsets.UTF_8)).isEqualTo("signed after");
		try (Stream<Path> files = Files.list(root)) {
			assertThat(files.map((path) -> path.getFileName().toString())).noneMatch((name) -> name.endsWith(".tmp"));
		}
	}

	@Test
	void replacesAnEmptyOrUnreadableSigningKey() throws IOException {
		Path root = Files.createDirectory(this.folder.resolve("store"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
		Files.createDirectory(root.resolve(SigningKeyFile.NAME));
		DiskEntryStore store = open(root);
		assertThat(Files.readAllBytes(root.resolve(SigningKeyFile.NAME))).hasSize(32);
		store.save("rides", KEY, new StoredEntry(new byte[10], Instant.now(), null));
		assertThat(store.load("rides", KEY)).isNotNull();
	}

	@Test
	void refusesAConfiguredKeyThatIsTooShort() {
		DiskEntryStore store = new DiskEntryStore(new DiskStoreSettings(this.folder.resolve("store"),
				DataSize.ofMegabytes(1), Duration.ofHours(1), "short"));
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(store::open)
			.withMessageContaining("duocache.redis.signing-key")
			.withMessageContaining("only 5 characters long");
	}

	private static ListAppender<ILoggingEvent> warningsOf(Class<?> type) {
		Logger logger = (Logger) LoggerFactory.getLogger(type);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		return appender;
	}

	private DiskEntryStore open(Path root) {
		return open(settings(root));
	}

	private DiskEntryStore open(DiskStoreSettings settings) {
		DiskEntryStore store = new DiskEntryStore(settings);
		this.stores.add(store);
		store.open();
		return store;
	}

	private static DiskStoreSettings settings(Path root) {
		return new DiskStoreSettings(root, DataSize.ofMegabytes(1), Duration.ofHours(1));
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	/** Makes another user own a path: directly as root, else through passwordless sudo. */
	static void giveTo(Path path, String user) throws Exception {
		try {
			UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
			Files.setOwner(path, owner);
		}
		catch (IOException ex) {
			int exit = run("sudo", "-n", "chown", user, path.toString());
			assertThat(exit).as("Planting a folder of another user needs root or passwordless sudo; run the tests "
					+ "as root (as CI does) or allow 'sudo chown'").isZero();
		}
	}

	/** Runs a command as another user and returns its exit code. */
	static int runAs(String user, String... command) throws Exception {
		boolean root = "root".equals(System.getProperty("user.name"));
		List<String> line = new ArrayList<>(root ? List.of("runuser", "-u", user, "--") : List.of("sudo", "-n", "-u", user));
		line.addAll(List.of(command));
		assertThat(run("sh", "-c", "command -v " + line.get(0))).as("'%s' runs commands as %s", line.get(0), user)
			.isZero();
		assertThat(run(root ? List.of("runuser", "-u", user, "--", "true") : List.of("sudo", "-n", "-u", user, "true")))
			.as("running a command as %s works here (root, or passwordless sudo)", user)
			.isZero();
		return run(line);
	}

	private static int run(String... command) throws Exception {
		return run(List.of(command));
	}

	private static int run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		return process.exitValue();
	}

}
