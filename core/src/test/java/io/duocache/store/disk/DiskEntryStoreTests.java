package io.duocache.store.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.duocache.DuocacheException;
import io.duocache.key.CacheKey;
import io.duocache.store.CorruptEntryException;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.store.EntryStore;
import io.duocache.store.StoredEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The disk store on a real file system: exact round trips, every kind of damaged file refused and
 * dropped, expiry, the sweep, the size bound while writing, clear, and an unusable folder.
 */
class DiskEntryStoreTests {

	private static final CacheKey KEY = new CacheKey(1, 2);

	@TempDir
	Path folder;

	private DiskEntryStore store;

	@AfterEach
	void close() {
		if (this.store != null) {
			this.store.close();
		}
	}

	@Test
	void readsBackExactlyWhatItWrote() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		Instant written = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		StoredEntry entry = new StoredEntry(bytes(1000, 7), written, written.plusSeconds(60));
		store.save("rides", KEY, entry);
		StoredEntry read = store.load("rides", KEY);
		assertThat(read.bytes()).isEqualTo(entry.bytes());
		assertThat(read.writtenAt()).isEqualTo(written);
		assertThat(read.expiresAt()).isEqualTo(written.plusSeconds(60));
		assertThat(store.load("rides", new CacheKey(9, 9))).isNull();
		assertThat(store.load("other", KEY)).isNull();
	}

	@Test
	void keepsAnEntryWithoutExpiry() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", KEY, new StoredEntry(bytes(10, 1), Instant.now(), null));
		assertThat(store.load("rides", KEY).expiresAt()).isNull();
	}

	@Test
	void refusesAndDropsATruncatedEntry() throws IOException {
		Path file = saved();
		byte[] whole = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(whole, whole.length - 100));
		assertCorruptAndDropped(file);
	}

	@Test
	void refusesAndDropsAnEntryWithAFlippedBit() throws IOException {
		Path file = saved();
		byte[] whole = Files.readAllBytes(file);
		whole[EntryFormat.HEADER_BYTES + 500] ^= 0x10;
		Files.write(file, whole);
		assertCorruptAndDropped(file);
	}

	@Test
	void refusesAndDropsAnEmptyFile() throws IOException {
		Path file = saved();
		Files.write(file, new byte[0]);
		assertCorruptAndDropped(file);
	}

	@Test
	void refusesAndDropsAForeignFile() throws IOException {
		Path file = saved();
		Files.writeString(file, "{\"rides\": [1, 2, 3]} -- not an entry, but long enough to have a header and more");
		assertCorruptAndDropped(file);
	}

	@Test
	void refusesAnEntryWrittenUnderAnotherKey() throws IOException {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", new CacheKey(5, 5), new StoredEntry(bytes(100, 1), Instant.now(), null));
		Path other = store.entryFile("rides", new CacheKey(5, 5));
		Files.move(other, store.entryFile("rides", KEY));
		assertCorruptAndDropped(store.entryFile("rides", KEY));
	}

	@Test
	void refusesAnEntryOfAnotherFormatVersion() throws IOException {
		Path file = saved();
		byte[] whole = Files.readAllBytes(file);
		whole[4] = 99;
		Files.write(file, whole);
		assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> this.store.load("rides", KEY))
			.withMessageContaining("version 99");
	}

	@Test
	void treatsAnExpiredEntryAsMissingAndDeletesIt() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", KEY, new StoredEntry(bytes(100, 1), Instant.now().minusSeconds(10), Instant.now().minusSeconds(1)));
		assertThat(store.load("rides", KEY)).isNull();
		assertThat(store.entryFile("rides", KEY)).doesNotExist();
	}

	@Test
	void sweepsExpiredEntriesUnreadableFilesAndAbandonedWritesButKeepsLiveEntries() throws IOException {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", KEY, new StoredEntry(bytes(100, 1), Instant.now(), Instant.now().plusSeconds(60)));
		CacheKey expired = new CacheKey(3, 3);
		store.save("rides", expired, new StoredEntry(bytes(100, 1), Instant.now().minusSeconds(2), Instant.now().minusSeconds(1)));
		Path folder = store.entryFile("rides", KEY).getParent();
		Path garbage = Files.writeString(folder.resolve("00000000000000000000000000000007.entry"), "garbage");
		Path abandoned = Files.write(folder.resolve("abc.1234.tmp"), new byte[10]);
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Path writing = Files.write(folder.resolve("def.5678.tmp"), new byte[10]);
		store.sweep();
		assertThat(store.entryFile("rides", KEY)).exists();
		assertThat(store.entryFile("rides", expired)).doesNotExist();
		assertThat(garbage).doesNotExist();
		assertThat(abandoned).doesNotExist();
		assertThat(writing).exists();
		assertThat(store.bytes()).isEqualTo(Files.size(store.entryFile("rides", KEY)));
	}

	@Test
	void staysWithinItsBoundWhileWritingDroppingTheOldestFirst() throws IOException, InterruptedException {
		DataSize bound = DataSize.ofKilobytes(100);
		DiskEntryStore store = open(bound);
		for (int i = 0; i < 200; i++) {
			store.save("cache-" + (i % 3), new CacheKey(0, i), new StoredEntry(bytes(5_000, i), Instant.now(), null));
			Files.setLastModifiedTime(store.entryFile("cache-" + (i % 3), new CacheKey(0, i)),
					FileTime.fromMillis(1_000_000L + i * 1000L));
			assertThat(folderBytes()).as("after write %d", i).isLessThanOrEqualTo(bound.toBytes());
		}
		assertThat(store.load("cache-" + (199 % 3), new CacheKey(0, 199))).isNotNull();
		assertThat(store.load("cache-0", new CacheKey(0, 0))).isNull();
	}

	@Test
	void clearsOneCacheAndRemovesOneEntry() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", KEY, new StoredEntry(bytes(100, 1), Instant.now(), null));
		store.save("rides", new CacheKey(7, 7), new StoredEntry(bytes(100, 1), Instant.now(), null));
		store.save("other", KEY, new StoredEntry(bytes(100, 1), Instant.now(), null));
		assertThat(store.usage("rides")).isEqualTo(new EntryStore.Usage(2,
				2 * (EntryFormat.HEADER_BYTES + 100 + EntryFormat.TRAILER_BYTES + EntrySigner.SIGNATURE_BYTES)));
		store.remove("rides", new CacheKey(7, 7));
		assertThat(store.usage("rides").entries()).isEqualTo(1);
		store.clear("rides");
		assertThat(store.load("rides", KEY)).isNull();
		assertThat(store.load("other", KEY)).isNotNull();
	}

	@Test
	void keepsCachesWhoseNamesDifferOnlyInCharactersAFileNameCannotHoldApart() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("a/b", KEY, new StoredEntry(bytes(10, 1), Instant.now(), null));
		store.save("a_b", KEY, new StoredEntry(bytes(10, 2), Instant.now(), null));
		assertThat(store.load("a/b", KEY).bytes()).isEqualTo(bytes(10, 1));
		assertThat(store.load("a_b", KEY).bytes()).isEqualTo(bytes(10, 2));
	}

	@Test
	void failsToOpenAnUnusableFolderNamingThePropertyAndThePath() throws IOException {
		Path notAFolder = Files.writeString(this.folder.resolve("file"), "x");
		DiskEntryStore store = new DiskEntryStore(new DiskStoreSettings(notAFolder.resolve("cache"),
				DataSize.ofMegabytes(1), Duration.ofMinutes(1)));
		assertThatExceptionOfType(DuocacheException.class).isThrownBy(store::open)
			.withMessageContaining("duocache.persist.directory")
			.withMessageContaining(notAFolder.resolve("cache").toString());
	}

	private Path saved() {
		DiskEntryStore store = open(DataSize.ofMegabytes(10));
		store.save("rides", KEY, new StoredEntry(bytes(1000, 7), Instant.now(), null));
		return store.entryFile("rides", KEY);
	}

	private void assertCorruptAndDropped(Path file) {
		assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> this.store.load("rides", KEY));
		assertThat(file).doesNotExist();
		assertThat(this.store.load("rides", KEY)).isNull();
	}

	private DiskEntryStore open(DataSize bound) {
		this.store = new DiskEntryStore(new DiskStoreSettings(this.folder.resolve("store"), bound, Duration.ofHours(1)));
		this.store.open();
		return this.store;
	}

	private long folderBytes() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	private static byte[] bytes(int length, int seed) {
		byte[] bytes = new byte[length];
		new java.util.Random(seed).nextBytes(bytes);
		return bytes;
	}

}
