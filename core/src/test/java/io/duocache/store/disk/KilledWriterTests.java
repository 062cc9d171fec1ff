package io.duocache.store.disk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.duocache.key.CacheKey;
import io.duocache.store.StoredEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL while it writes large entries in a loop leaves nothing that reads as an
 * entry but whole entries.
 */
class KilledWriterTests {

	@TempDir
	Path folder;

	@Test
	void aProcessKilledMidWriteLeavesOnlyWholeEntries() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				DiskWriter.class.getName(), this.folder.toString())
			.redirectErrorStream(true)
			.start();
		try {
			CompletableFuture<Boolean> wroteSome = CompletableFuture.supplyAsync(() -> awaitLine(writer, "wrote 5"));
			assertThat(wroteSome.get(60, TimeUnit.SECONDS)).as("the writer wrote six entries").isTrue();
		}
		finally {
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		DiskEntryStore store = new DiskEntryStore(new DiskStoreSettings(this.folder, DataSize.ofGigabytes(1),
				Duration.ofHours(1)));
		store.open();
		try {
			List<Path> entries = entryFiles();
			assertThat(entries).hasSizeGreaterThanOrEqualTo(6);
			for (Path file : entries) {
				String hex = file.getFileName().toString().replace(".entry", "");
				CacheKey key = new CacheKey(Long.parseUnsignedLong(hex.substring(0, 16), 16),
						Long.parseUnsignedLong(hex.substring(16), 16));
				StoredEntry entry = store.load("big", key);
				assertThat(entry).as(file.toString()).isNotNull();
				assertThat(entry.bytes()).as(file.toString()).isEqualTo(DiskWriter.payload(key.low()));
			}
		}
		finally {
			store.close();
		}
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder)) {
			return files.filter((file) -> file.toString().endsWith(".entry")).toList();
		}
	}

	private static boolean awaitLine(Process process, String expected) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.equals(expected)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
