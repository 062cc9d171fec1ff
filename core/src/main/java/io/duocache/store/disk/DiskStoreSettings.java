package io.duocache.store.disk;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Where and how much the disk store keeps.
 *
 * @param directory the folder of every cache's entries, one sub-folder per cache
 * @param maxSize the bound of the whole folder; the oldest entries go first
 * @param sweepInterval how often expired entries and leftovers of crashed writes are deleted
 * @param signingKey the secret that signs entries, or {@code null} for a random key kept in the folder
 */
public record DiskStoreSettings(Path directory, DataSize maxSize, Duration sweepInterval, @Nullable String signingKey) {

	/**
	 * Creates settings whose entries are signed with a random key kept in the folder.
	 * @param directory the folder of every cache's entries
	 * @param maxSize the bound of the whole folder
	 * @param sweepInterval how often expired entries are deleted
	 */
	public DiskStoreSettings(Path directory, DataSize maxSize, Duration sweepInterval) {
		this(directory, maxSize, sweepInterval, null);
	}

	/**
	 * Returns the default settings: {@code ${java.io.tmpdir}/duocache}, 1 GB, a sweep every minute, a
	 * signing key of the folder's own.
	 * @return the defaults
	 */
	public static DiskStoreSettings defaults() {
		return new DiskStoreSettings(Path.of(System.getProperty("java.io.tmpdir"), "duocache"), DataSize.ofGigabytes(1),
				Duration.ofMinutes(1));
	}

}
