package io.duocache.store.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;

/**
 * Keeps the disk store's folder tidy and under its bound: the sweep deletes expired and unreadable
 * entries and leftovers of interrupted writes and recounts the folder; eviction deletes the oldest
 * entries of every cache until the folder is well under its bound.
 */
final class DiskSweeper {

	/** A temporary file older than this belongs to a write that will never finish. */
	private static final Duration ABANDONED_WRITE = Duration.ofMinutes(10);

	/** When the bound is passed, entries are deleted until the folder is at this share of it. */
	private static final double EVICT_TO = 0.9;

	private final DiskFolders folders;

	private final long maxBytes;

	/** The bytes the folder holds, as last counted; the store adds what it writes. */
	private final AtomicLong bytes;

	DiskSweeper(DiskFolders folders, long maxBytes, AtomicLong bytes) {
		this.folders = folders;
		this.maxBytes = maxBytes;
		this.bytes = bytes;
	}

	void sweep() {
		Instant now = Instant.now();
		long total = 0;
		for (Path file : this.folders.cacheFiles()) {
			if (DiskFolders.isTemp(file)) {
				if (DiskFolders.modifiedBefore(file, now.minus(ABANDONED_WRITE))) {
					DiskFolders.delete(file);
				}
			}
			else if (DiskFolders.isEntry(file)) {
				total += sweepEntry(file, now);
			}
		}
		this.bytes.set(total);
		if (total > this.maxBytes) {
			evict();
		}
	}

	/** Returns the size of an entry that stays, or deletes it and returns 0. */
	private long sweepEntry(Path file, Instant now) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			ByteBuffer header = DiskFolders.readFully(channel, ByteBuffer.allocate(EntryFormat.HEADER_BYTES), size);
			if (!EntryFormat.readHeader(header, null, size - EntrySigner.SIGNATURE_BYTES).isExpiredAt(now)) {
				return size;
			}
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (IOException | CorruptEntryException ex) {
			// Unreadable: deleted below, like an expired entry.
		}
		DiskFolders.delete(file);
		return 0;
	}

	/** Evicts if what was written since the last count took the folder over its bound. */
	void evictIfOver() {
		if (this.bytes.get() > this.maxBytes) {
			evict();
		}
	}

	private synchronized void evict() {
		List<Aged> entries = new ArrayList<>();
		long total = 0;
		for (Path file : this.folders.cacheFiles()) {
			if (DiskFolders.isEntry(file)) {
				long size = DiskFolders.sizeOf(file);
				entries.add(new Aged(file, DiskFolders.modified(file), size));
				total += size;
			}
		}
		long target = (long) (this.maxBytes * EVICT_TO);
		entries.sort(Comparator.comparing(Aged::modified));
		for (Aged entry : entries) {
			if (total <= target) {
				break;
			}
			DiskFolders.delete(entry.file());
			total -= entry.size();
		}
		this.bytes.set(total);
	}

	private record Aged(Path file, FileTime modified, long size) {
	}

}
