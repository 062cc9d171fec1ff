package io.duocache.store.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.EntryStore;
import io.duocache.store.StoredEntry;
import io.duocache.store.UnknownSigningKeyException;

/**
 * Keeps entries as files, one folder per cache and one file per key, so they survive restarts and
 * can be shared by every JVM that uses the folder. A file is written to a temporary name, forced to
 * the device and renamed into place, so a crash never leaves a torn entry under an entry's name.
 * Folders and files are readable by the application's user only, and every entry is signed, so an
 * entry that anyone else wrote is a miss. The folder is kept under its size bound as entries are
 * written (oldest first), and a background sweep deletes expired entries, unreadable files and
 * leftovers of interrupted writes.
 */
public final class DiskEntryStore implements EntryStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(DiskEntryStore.class);

	/** What every signature of this store covers first, so no other signed format is mistaken for it. */
	private static final byte[] SIGNED_CONTEXT = "duocache-disk-entry".getBytes(StandardCharsets.US_ASCII);

	private final DiskStoreSettings settings;

	private final AtomicLong bytes = new AtomicLong();

	private final DiskFolders folders;

	private final DiskSweeper sweeps;

	/** The cache folders made ready so far. */
	private final Set<Path> preparedFolders = ConcurrentHashMap.newKeySet();

	/** How files are created and checked, and what signs entries; set when the store opens. */
	private volatile @Nullable Opened opened;

	private volatile @Nullable ScheduledExecutorService sweeper;

	/**
	 * Creates the store; nothing is touched on disk until {@link #open()}.
	 * @param settings where and how much to keep
	 */
	public DiskEntryStore(DiskStoreSettings settings) {
		this.settings = settings;
		this.folders = new DiskFolders(settings.directory());
		this.sweeps = new DiskSweeper(this.folders, settings.maxSize().toBytes(), this.bytes);
	}

	/**
	 * Makes the folder ready: checks who owns it and its parents, creates it owner-only if missing,
	 * checks that files can be written there, reads or makes the signing key, and starts the sweep.
	 * Called when the first cache that persists to disk is created; later calls do nothing.
	 * @throws DuocacheException if the folder cannot be used or another user could read or replace
	 * its entries, naming the property and the path
	 */
	@Override
	public synchronized void open() {
		if (this.sweeper != null) {
			return;
		}
		Path root = this.settings.directory();
		OwnerOnlyFiles ownerOnly = new OwnerOnlyFiles(root, Path.of(System.getProperty("java.io.tmpdir")));
		try {
			ownerOnly.prepareRoot();
			this.folders.probe();
			this.opened = new Opened(ownerOnly, SigningKeyFile.signer(root, ownerOnly, this.settings.signingKey()));
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			throw new DuocacheException("The disk store cannot use the folder " + root.toAbsolutePath()
					+ " (duocache.persist.directory): " + ex + ". To fix this, point duocache.persist.directory at a "
					+ "folder this process may create and write, or choose another persist for the caches that use "
					+ "DISK.", ex);
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "duocache-disk-sweep");
			thread.setDaemon(true);
			return thread;
		});
		this.bytes.set(this.folders.entryBytes());
		long interval = Math.max(1, this.settings.sweepInterval().toMillis());
		executor.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
		this.sweeper = executor;
	}

	@Override
	public String name() {
		return "disk";
	}

	@Override
	public @Nullable StoredEntry load(String cacheName, CacheKey key) {
		Path file = this.folders.entryFile(cacheName, key);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			ByteBuffer header = DiskFolders.readFully(channel, ByteBuffer.allocate(EntryFormat.HEADER_BYTES), size);
			EntryFormat.Header read = EntryFormat.readHeader(header, key, size - EntrySigner.SIGNATURE_BYTES);
			if (read.isExpiredAt(Instant.now())) {
				DiskFolders.delete(file);
				return null;
			}
			byte[] payload = new byte[read.payloadLength()];
			DiskFolders.readFully(channel, ByteBuffer.wrap(payload), size);
			ByteBuffer trailer = DiskFolders.readFully(channel, ByteBuffer.allocate(EntryFormat.TRAILER_BYTES), size);
			ByteBuffer signature = DiskFolders.readFully(channel, ByteBuffer.allocate(EntrySigner.SIGNATURE_BYTES), size);
			EntryFormat.verify(header, payload, trailer);
			EntrySigner.Verdict verdict = opened().signer().check(signature.array(), SIGNED_CONTEXT, header,
					ByteBuffer.wrap(payload), trailer);
			if (verdict == EntrySigner.Verdict.UNKNOWN_KEY) {
				throw new UnknownSigningKeyException(file + ": sealed with a signing key this instance does not know");
			}
			if (verdict != EntrySigner.Verdict.VALID) {
				throw new CorruptEntryException("signature does not match: not written by this application's user");
			}
			return new StoredEntry(payload, read.writtenAt(), read.expiresAt());
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (CorruptEntryException ex) {
			DiskFolders.delete(file);
			throw new CorruptEntryException(file + ": " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void save(String cacheName, CacheKey key, StoredEntry entry) {
		Path file = this.folders.entryFile(cacheName, key);
		Path temp = DiskFolders.tempFile(file, key);
		ByteBuffer header = EntryFormat.header(key, entry);
		ByteBuffer payload = ByteBuffer.wrap(entry.bytes());
		ByteBuffer trailer = EntryFormat.trailer(header, entry.bytes());
		ByteBuffer signature = ByteBuffer.wrap(opened().signer().sign(SIGNED_CONTEXT, header, payload, trailer));
		ByteBuffer[] parts = { header.duplicate(), payload, trailer, signature };
		long length = EntryFormat.HEADER_BYTES + (long) entry.bytes().length + EntryFormat.TRAILER_BYTES
				+ EntrySigner.SIGNATURE_BYTES;
		try {
			prepare(file.getParent());
			try (FileChannel channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE), opened().files().fileAttributes())) {
				long written = 0;
				while (written < length) {
					written += channel.write(parts);
				}
				channel.force(true);
			}
			move(temp, file);
		}
		catch (IOException ex) {
			DiskFolders.delete(temp);
			throw new UncheckedIOException(ex);
		}
		this.bytes.addAndGet(length);
		this.sweeps.evictIfOver();
	}

	/** Makes a cache's folder ready the first time this store writes to it. */
	private void prepare(Path folder) throws IOException {
		if (this.preparedFolders.contains(folder) && Files.isDirectory(folder)) {
			return;
		}
		opened().files().prepareFolder(folder);
		this.preparedFolders.add(folder);
	}

	private Opened opened() {
		Opened current = this.opened;
		if (current == null) {
			throw new IllegalStateException("The disk store is not open");
		}
		return current;
	}

	private static void move(Path temp, Path file) throws IOException {
		try {
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Override
	public void remove(String cacheName, CacheKey key) {
		DiskFolders.delete(this.folders.entryFile(cacheName, key));
	}

	@Override
	public void clear(String cacheName) {
		this.folders.entries(cacheName).forEach(DiskFolders::delete);
	}

	@Override
	public Usage usage(String cacheName) {
		List<Path> entries = this.folders.entries(cacheName);
		return new Usage(entries.size(), entries.stream().mapToLong(DiskFolders::sizeOf).sum());
	}

	/**
	 * Deletes expired and unreadable entries and leftovers of interrupted writes, recounts the
	 * folder, and brings it under its bound.
	 */
	public void sweep() {
		this.sweeps.sweep();
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("Sweeping the disk store " + this.settings.directory() + " failed; it is tried again", ex);
		}
	}

	/**
	 * Returns the bytes the folder holds, as last counted.
	 * @return the byte count
	 */
	public long bytes() {
		return this.bytes.get();
	}

	@Override
	public void close() {
		ScheduledExecutorService executor = this.sweeper;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	Path entryFile(String cacheName, CacheKey key) {
		return this.folders.entryFile(cacheName, key);
	}

	/** What an open store creates files with and signs entries with. */
	private record Opened(OwnerOnlyFiles files, EntrySigner signer) {
	}

}
