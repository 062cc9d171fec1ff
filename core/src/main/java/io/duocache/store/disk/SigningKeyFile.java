package io.duocache.store.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;
import io.duocache.store.EntrySigner;

/**
 * The secret that signs the disk store's entries: the configured signing key where there is one,
 * else random bytes kept in an owner-only file in the store's folder, made on first start. Several
 * JVMs starting at once on one folder agree on one key: the file appears whole, by a hard link that
 * fails when another JVM's link came first.
 */
final class SigningKeyFile {

	static final String NAME = "signing.key";

	private static final int KEY_BYTES = 32;

	private SigningKeyFile() {
	}

	/**
	 * Returns the signer of a store's entries.
	 * @param root the store's folder, ready
	 * @param files how the store's files are created and checked
	 * @param configured the configured signing key, or {@code null}
	 * @return the signer
	 * @throws DuocacheException if the configured key is too short or the key file is not usable
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
		if (!Files.exists(file)) {
			create(file, files);
		}
		files.checkFile(file);
		byte[] key = Files.readAllBytes(file);
		if (key.length != KEY_BYTES) {
			throw new DuocacheException("The disk store's signing key " + file + " holds " + key.length
					+ " bytes instead of " + KEY_BYTES + ". To fix this, delete it: a new key is made at the next "
					+ "start, and the entries signed with the old one are computed again.");
		}
		return EntrySigner.of(key);
	}

	private static void create(Path file, OwnerOnlyFiles files) throws IOException {
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		Path temp = file.resolveSibling(NAME + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temp,
					EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), files.fileAttributes())) {
				ByteBuffer bytes = ByteBuffer.wrap(key);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
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

}
