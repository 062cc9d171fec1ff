package io.duocache.store.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.dynatrace.hash4j.hashing.Hashing;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;

/**
 * Where the disk store keeps what: one folder per cache under the root, named so that any file system
 * accepts it and no other cache name maps to it, one {@code .entry} file per key, and {@code .tmp}
 * files while an entry is written. Deleting and measuring files never fails: a file that went away
 * meanwhile is simply gone.
 */
final class DiskFolders {

	private static final Log logger = LogFactory.getLog(DiskFolders.class);

	private static final String ENTRY_SUFFIX = ".entry";

	private static final String TEMP_SUFFIX = ".tmp";

	private final Path root;

	DiskFolders(Path root) {
		this.root = root;
	}

	Path entryFile(String cacheName, CacheKey key) {
		return cacheFolder(cacheName).resolve(key.toHex() + ENTRY_SUFFIX);
	}

	/** A name of its own, next to the entry's file, that a write goes to before it is moved into place. */
	static Path tempFile(Path entryFile, CacheKey key) {
		return entryFile.resolveSibling(key.toHex() + "." + UUID.randomUUID() + TEMP_SUFFIX);
	}

	/** Makes an empty file in the root and deletes it again: whether files can be written there. */
	void probe() throws IOException {
		Files.delete(Files.createTempFile(this.root, "probe", TEMP_SUFFIX));
	}

	Path cacheFolder(String cacheName) {
		String readable = cacheName.replaceAll("[^A-Za-z0-9._-]", "_");
		if (readable.length() > 80) {
			readable = readable.substring(0, 80);
		}
		String distinct = Long.toHexString(Hashing.xxh3_64().hashCharsToLong(cacheName));
		return this.root.resolve(readable + "-" + distinct.toLowerCase(Locale.ROOT));
	}

	/** Returns the entry files of one cache. */
	List<Path> entries(String cacheName) {
		return files(cacheFolder(cacheName)).stream().filter(DiskFolders::isEntry).toList();
	}

	/** Returns every file in the folders of every cache. */
	List<Path> cacheFiles() {
		List<Path> all = new ArrayList<>();
		for (Path folder : files(this.root)) {
			all.addAll(files(folder));
		}
		return all;
	}

	/** Returns the size of every entry file, as found on disk. */
	long entryBytes() {
		return cacheFiles().stream().filter(DiskFolders::isEntry).mapToLong(DiskFolders::sizeOf).sum();
	}

	static boolean isEntry(Path file) {
		return file.getFileName().toString().endsWith(ENTRY_SUFFIX);
	}

	static boolean isTemp(Path file) {
		return file.getFileName().toString().endsWith(TEMP_SUFFIX);
	}

	private static List<Path> files(Path folder) {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			stream.forEach(files::add);
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	/** Reads until the buffer is full; a file that ends first is a corrupt entry. */
	static ByteBuffer readFully(FileChannel channel, ByteBuffer buffer, long size) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				throw new CorruptEntryException("truncated: " + size + " bytes");
			}
		}
		return buffer.flip();
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + file, ex);
		}
	}

	static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	static boolean modifiedBefore(Path file, Instant instant) {
		return modified(file).toInstant().isBefore(instant);
	}

}
