package io.duocache.aop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.DuocacheConfiguration;
import io.duocache.InvalidCacheDeclarationException;
import io.duocache.Persist;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.data.StoreCounters;
import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;
import io.duocache.testing.EntryFiles;
import io.duocache.testing.InMemoryJava;
import io.duocache.store.disk.DiskStoreSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code persist = DISK} through real application contexts on a real folder: a restart is one context
 * closed and another started on the same folder.
 */
class DiskPersistenceTests {

	@TempDir
	static Path sharedRoot;

	@TempDir
	Path folder;

	private final List<AnnotationConfigApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(AnnotationConfigApplicationContext::close);
	}

	@Test
	void answersFromDiskAfterARestartWithoutComputing() {
		AnnotationConfigApplicationContext first = start();
		Rides rides = first.getBean(Rides.class);
		assertThat(rides.load("nyc")).containsExactly("nyc-1", "nyc-2");
		assertThat(Computations.of("nyc")).isEqualTo(1);
		first.close();

		Rides restarted = start().getBean(Rides.class);
		List<String> copy = restarted.load("nyc");
		assertThat(copy).containsExactly("nyc-1", "nyc-2");
		copy.add("mutated");
		for (int hit = 0; hit < 3; hit++) {
			List<String> fromMemory = restarted.load("nyc");
			assertThat(fromMemory).containsExactly("nyc-1", "nyc-2");
			fromMemory.clear();
		}
		assertThat(Computations.of("nyc")).isEqualTo(1);
		DataCache cache = dataCache(this.contexts.get(1), "Rides.load");
		assertThat(cache.storeCounters().hits()).isEqualTo(1);
		assertThat(cache.counters().misses()).isZero();
	}

	@Test
	void writesABackgroundRefreshThroughToDisk() throws InterruptedException {
		Rides rides = start().getBean(Rides.class);
		assertThat(rides.refreshed("la")).containsExactly("la-1");
		Thread.sleep(1100);
		assertThat(rides.refreshed("la")).containsExactly("la-1");
		await().atMost(Duration.ofSeconds(10)).until(() -> rides.refreshed("la").equals(List.of("la-2")));
		this.contexts.get(0).close();
		assertThat(Computations.of("refreshed-la")).isEqualTo(2);
		Rides restarted = start().getBean(Rides.class);
		assertThat(restarted.refreshed("la")).as("read back from disk, not computed (la-3)").containsExactly("la-2");
	}

	@Test
	void sharesEntriesBetweenTwoLiveContextsOnOneFolder() {
		Rides one = start().getBean(Rides.class);
		Rides two = start().getBean(Rides.class);
		one.load("sf");
		assertThat(two.load("sf")).containsExactly("sf-1", "sf-2");
		assertThat(Computations.of("sf")).isEqualTo(1);
	}

	@Test
	void keepsTheTtlAcrossARestartFromWhenTheEntryWasWritten() {
		AnnotationConfigApplicationContext first = start();
		first.getBean(Rides.class).shortLived("la");
		first.close();
		Rides restarted = start().getBean(Rides.class);
		restarted.shortLived("la");
		assertThat(Computations.of("short-la")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			restarted.shortLived("la");
			return Computations.of("short-la") == 2;
		});
		assertThat(restarted.shortLived("la")).containsExactly("la-1", "la-2");
	}

	@Test
	void computesAgainWhenTheFileWasDamagedAndCountsIt() throws IOException {
		AnnotationConfigApplicationContext first = start();
		first.getBean(Rides.class).load("bos");
		first.close();
		for (Path file : entryFiles()) {
			byte[] bytes = Files.readAllBytes(file);
			bytes[EntryFormat.HEADER_BYTES + 2] ^= 0x01;
			Files.write(file, bytes);
		}
		AnnotationConfigApplicationContext second = start();
		assertThat(second.getBean(Rides.class).load("bos")).containsExactly("bos-1", "bos-2");
		assertThat(Computations.of("bos")).isEqualTo(2);
		assertThat(dataCache(second, "Rides.load").storeCounters().errors(StoreCounters.READ)).isEqualTo(1);
	}

	@Test
	void computesAgainWhenAnEntryWasRewrittenWithAValidChecksumButWithoutTheKeyAndCountsIt() throws IOException {
		AnnotationConfigApplicationContext first = start();
		first.getBean(Rides.class).load("den");
		first.close();
		Path file = entryFiles().get(0);
		byte[] bytes = Files.readAllBytes(file);
		byte[] payload = Arrays.copyOfRange(bytes, EntryFormat.HEADER_BYTES, bytes.length - EntryFormat.TRAILER_BYTES
				- EntrySigner.SIGNATURE_BYTES);
		byte[] forged = new String(payload, StandardCharsets.ISO_8859_1).replace("den", "evl")
			.getBytes(StandardCharsets.ISO_8859_1);
		Files.write(file, EntryFiles.rewritten(bytes, forged));
		AnnotationConfigApplicationContext second = start();
		assertThat(second.getBean(Rides.class).load("den")).containsExactly("den-1", "den-2");
		assertThat(Computations.of("den")).isEqualTo(2);
		assertThat(dataCache(second, "Rides.load").storeCounters().errors(StoreCounters.READ)).isEqualTo(1);
	}

	@Test
	void clearRemovesTheFilesOfOneEntryOrOfTheWholeCache() throws IOException {
		AnnotationConfigApplicationContext context = start();
		Rides rides = context.getBean(Rides.class);
		rides.load("a");
		rides.load("b");
		assertThat(entryFiles()).hasSize(2);
		CacheDataManager manager = context.getBean(CacheDataManager.class);
		manager.clear("Rides.load", "a");
		assertThat(entryFiles()).hasSize(1);
		manager.clear("Rides.load");
		assertThat(entryFiles()).isEmpty();
		assertThat(manager.info("Rides.load").storeEntries()).isZero();
	}

	@Test
	void reportsWhatTheStoreHoldsForACache() {
		AnnotationConfigApplicationContext context = start();
		context.getBean(Rides.class).load("x");
		var info = context.getBean(CacheDataManager.class).info("Rides.load");
		assertThat(info.persist()).isEqualTo("disk");
		assertThat(info.storeEntries()).isEqualTo(1);
		assertThat(info.storeBytes()).isPositive();
	}

	@Test
	void failsStartupForAnUnusableFolderNamingTheProperty() throws IOException {
		Path file = Files.writeString(this.folder.resolve("not-a-folder"), "x");
		assertThatException().isThrownBy(() -> start(file.resolve("cache")))
			.withStackTraceContaining("The disk store cannot use the folder " + file.resolve("cache"))
			.withStackTraceContaining("(duocache.persist.directory)");
	}

	@Test
	void failsStartupForDiskOnAVagueReturnType() {
		assertThatException().isThrownBy(() -> {
			AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
			this.contexts.add(context);
			context.register(DuocacheConfiguration.class, VagueDisk.class);
			context.registerBean(DiskStoreSettings.class, () -> settings(this.folder));
			context.refresh();
		})
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidCacheDeclarationException.class, (ex) -> assertThat(ex.getMessage())
				.contains("'VagueDiskService.load'")
				.contains("needs a concrete declared return type"));
	}

	@Test
	void neverReadsEntriesWrittenByAReleaseWithAnotherDtoShape() throws Exception {
		String release1 = """
				package gen;
				public class Shop {
					public static int calls;
					@io.duocache.CacheData(persist = io.duocache.Persist.DISK)
					public Item item(String id) {
						calls++;
						return Item.of(id);
					}
					public static class Item {
						String id;
						public static Item of(String id) {
							Item item = new Item();
							item.id = id;
							return item;
						}
					}
				}
				""";
		String release2 = release1.replace("String id;\n", "String id;\nint stock;\n");
		assertThat(callsAfterOneCall(release1)).as("release 1 computes").isEqualTo(1);
		assertThat(callsAfterOneCall(release1)).as("release 1 again reads its entry").isZero();
		assertThat(callsAfterOneCall(release2)).as("release 2 computes").isEqualTo(1);
		assertThat(callsAfterOneCall(release1)).as("release 1's entry is still its own").isZero();
	}

	/** Starts a context with the shop of one release, calls it once and returns how often it computed. */
	private int callsAfterOneCall(String source) throws Exception {
		Class<?> shop = InMemoryJava.load("gen.Shop", source);
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.contexts.add(context);
		context.setClassLoader(shop.getClassLoader());
		context.register(DuocacheConfiguration.class);
		context.registerBean("shop", shop);
		context.registerBean(DiskStoreSettings.class, () -> settings(this.folder));
		context.refresh();
		Object bean = context.getBean("shop");
		shop.getMethod("item", String.class).invoke(bean, "a");
		int calls = shop.getField("calls").getInt(null);
		context.close();
		return calls;
	}

	private AnnotationConfigApplicationContext start() {
		return start(this.folder);
	}

	private AnnotationConfigApplicationContext start(Path directory) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.contexts.add(context);
		context.register(DuocacheConfiguration.class, App.class);
		context.registerBean(DiskStoreSettings.class, () -> settings(directory));
		context.refresh();
		return context;
	}

	private static DiskStoreSettings settings(Path directory) {
		return new DiskStoreSettings(directory, DataSize.ofMegabytes(10), Duration.ofHours(1));
	}

	private static DataCache dataCache(AnnotationConfigApplicationContext context, String name) {
		return context.getBean(DataCaches.class).getTierCache(name);
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.folder)) {
			return files.filter((file) -> file.toString().endsWith(".entry")).toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

		@Bean
		Rides rides() {
			return new Rides();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class VagueDisk {

		@Bean
		VagueDiskService vagueDiskService() {
			return new VagueDiskService();
		}

	}

	static class VagueDiskService {

		@CacheData(persist = Persist.DISK)
		public Object load() {
			return "";
		}

	}

	static class Rides {

		@CacheData(persist = Persist.DISK, ttl = "1h")
		public List<String> load(String city) {
			Computations.add(city);
			return new ArrayList<>(List.of(city + "-1", city + "-2"));
		}

		@CacheData(persist = Persist.DISK, ttl = "1s", refresh = io.duocache.Refresh.BACKGROUND)
		public List<String> refreshed(String city) {
			Computations.add("refreshed-" + city);
			return new ArrayList<>(List.of(city + "-" + Computations.of("refreshed-" + city)));
		}

		@CacheData(persist = Persist.DISK, ttl = "2s")
		public List<String> shortLived(String city) {
			Computations.add("short-" + city);
			return new ArrayList<>(List.of(city + "-1", city + "-2"));
		}

	}

	/** Counts computations across contexts, as a restart would see them. */
	static final class Computations {

		private static final java.util.Map<String, AtomicInteger> COUNTS = new java.util.concurrent.ConcurrentHashMap<>();

		static void add(String name) {
			COUNTS.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
		}

		static int of(String name) {
			return COUNTS.getOrDefault(name, new AtomicInteger()).get();
		}

	}

}
