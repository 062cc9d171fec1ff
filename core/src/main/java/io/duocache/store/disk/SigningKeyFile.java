package io.duocache.store.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;
import io.duocache.store.EntrySigner;

/**
 * The secret that signs the disk store's entries: the configured signing key where there is one,
 * else random bytes kept in an owner-only file in the store's folder, made on first start. Several
 * JVMs starting at once on one folder agree on one key: the file appears whole, by a hard link that
 * fails when another JVM's link came first. A damaged key file (of another length, unreadable) is
 * cache state, not configuration: it is replaced by a new key, and what the old one signed becomes
 * misses.
 */
final class SigningKeyFile {

	static final String NAME = "signing.key";

	private static final int KEY_BYTES = 32;

	private static final int MAX_REPAIRS = 3;

	private static final Log logger = LogFactory.getLog(SigningKeyFile.class);

	private SigningKeyFile() {
	}

	/**
	 * Returns the signer of a store's entries.
	 * @param root the store's folder, ready
	 * @param files how the store's files are created and checked
	 * @param configured the configured signing key, or {@code null}
	 * @return the signer
	 * @throws DuocacheException if the configured key is too short, or the key file stays damaged however
	 * often it is replaced
	 */
	static EntrySigner signer(Path root, OwnerOnlyFiles files, @Nullable String configured) throws IOException {
		if (configured != null) {
			if (configured.length() < EntrySigner.MIN_SECRET_LENGTH) {
				throw new DuocacheException("duocache.redis.signing-key, which also signs the disk store's entries, "
						+ "is only " + configured.length() + " characters long. To fix this, make one of at least "
						+ EntrySigner.MIN_SECRET_LENGTH + " characters with 'openssl rand -base64 48'.");
			}
			return EntrySigner.of(configured);
		}
		Path file = root.resolve(NAME);
		for (int attempt = 1;; attempt++) {
			if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				create(file, files);
			}
			files.checkFile(file);
			byte[] key = readKey(file);
			if (key != null && key.length == KEY_BYTES) {
				return EntrySigner.of(key);
			}
			if (attempt == MAX_REPAIRS) {
				throw new DuocacheException("The disk store's signing key " + file + " was replaced " + MAX_REPAIRS
						+ " times and is still damaged: something else writes it. To fix this, stop what writes "
						+ "it, or give the store a folder of its own (duocache.persist.directory).");
			}
			logger.warn("The disk store's signing key " + file + " is damaged ("
					+ ((key != null) ? key.length + " bytes instead of " + KEY_BYTES : "unreadable")
					+ "); it is replaced by a new key, and the entries signed with the old one are computed again.");
			replace(file, files);
		}
	}

	/** Returns a key file's bytes, or {@code null} where it cannot be read as a file. */
	private static byte @Nullable [] readKey(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Puts a new key in place of a damaged one at once, so that no JVM ever reads half a key. */
	private static void replace(Path file, OwnerOnlyFiles files) throws IOException {
		Path temp = write(file, files);
		try {
			if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
				Files.delete(file);
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static void create(Path file, OwnerOnlyFiles files) throws IOException {
		Path temp = write(file, files);
		try {
			Files.createLink(file, temp);
		}
		catch (FileAlreadyExistsException ex) {
			// Another JVM made the key first; it is read like any existing key.
		}
		catch (UnsupportedOperationException ex) {
			Files.move(temp, file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Writes a new random key to an owner-only file beside the key file and returns that file. */
	private static Path write(Path file, OwnerOnlyFiles files) throws IOException {
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		Path temp = file.resolveSibling(NAME + "." + UUID.randomUUID() + ".tmp");
		try (FileChannel channel = FileChannel.open(temp,
				EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), files.fileAttributes())) {
			ByteBuffer bytes = ByteBuffer.wrap(key);
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
		}
		return temp;
	}

}
