package io.duocache.store.disk;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.springframework.util.unit.DataSize;

import io.duocache.key.CacheKey;
import io.duocache.store.StoredEntry;

/**
 * A child process for {@link KilledWriterTests}: writes large entries in a bounded loop, saying after
 * each one that it is complete, until it is killed; with {@code once}, writes one small entry and ends.
 */
public final class DiskWriter {

	static final int ENTRY_BYTES = 4 * 1024 * 1024;

	private DiskWriter() {
	}

	public static void main(String[] args) {
		DiskEntryStore store = new DiskEntryStore(new DiskStoreSettings(Path.of(args[0]), DataSize.ofGigabytes(1),
				Duration.ofHours(1)));
		store.open();
		if (args.length > 1 && args[1].equals("once")) {
			store.save("once", new CacheKey(0, 1), new StoredEntry(new byte[100], Instant.now(), null));
			store.close();
			return;
		}
		for (int i = 0; i < 10_000; i++) {
			store.save("big", new CacheKey(0, i), new StoredEntry(payload(i), Instant.now(), null));
			System.out.println("wrote " + i);
			System.out.flush();
		}
	}

	static byte[] payload(long seed) {
		byte[] bytes = new byte[ENTRY_BYTES];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
