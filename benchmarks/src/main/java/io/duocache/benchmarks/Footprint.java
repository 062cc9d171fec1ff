package io.duocache.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.data.DataCache;
import io.duocache.data.DataCodec;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.resource.ResourceCache;
import io.duocache.store.EntryStore;
import io.duocache.tier.SingleFlightCache;

/**
 * Measures what JMH cannot: the memory each entry costs beyond its payload (with JOL), and how
 * many times a key is loaded when two threads ask for it at the same moment. Writes JSON to the
 * file named by the first argument.
 */
public final class Footprint {

	private static final int ENTRIES = 10_000;

	private static final int CONTENDED_KEYS = 20_000;

	private Footprint() {
	}

	public static void main(String[] args) throws Throwable {
		DataCodec codec = new DataCodec(List.of());
		DataCache data = new DataCache("footprint", CacheSettings.UNSET, codec,
				codec.mapper().constructType(Payloads.Person.class), "Footprint.person", EntryStore.NONE);
		ResourceCache resources = new ResourceCache("footprint", CacheSettings.UNSET, new ResourceValidator.None(),
				new ResourceReleaser.None(), new ResourceIdentities());
		// One entry first, so that one-time state (Jackson's serializers, Caffeine's tables) is not
		// counted per entry.
		data.get(new CacheKey(2, 0), () -> Payloads.person(0));
		resources.get(new CacheKey(2, 0), Object::new);
		data.invalidate(new CacheKey(2, 0));
		resources.invalidate(new CacheKey(2, 0));
		data.cleanUp();
		resources.cleanUp();
		long dataBefore = GraphLayout.parseInstance(data).totalSize();
		long resourceBefore = GraphLayout.parseInstance(resources).totalSize();
		Object[] payloads = new Object[ENTRIES];
		for (int i = 0; i < ENTRIES; i++) {
			int id = i;
			data.get(new CacheKey(0, i), () -> Payloads.person(id));
			payloads[i] = new Object();
			Object resource = payloads[i];
			resources.get(new CacheKey(0, i), () -> resource);
		}
		data.cleanUp();
		resources.cleanUp();
		// The data tier's payload is its stored Smile bytes (with their array headers) and the copy
		// that hits are made from, of the same size as the value computed; the resource tier's is the
		// instance itself.
		Object[] copies = new Object[ENTRIES];
		for (int i = 0; i < ENTRIES; i++) {
			copies[i] = Payloads.person(i);
		}
		long keptCopies = GraphLayout.parseInstance(copies).totalSize() - ClassLayout.parseInstance(copies).instanceSize();
		long payloadBytes = data.bytes() + 16L * ENTRIES + keptCopies;
		long dataPerEntry = (GraphLayout.parseInstance(data).totalSize() - dataBefore - payloadBytes) / ENTRIES;
		long resourcePayload = GraphLayout.parseInstance(payloads).totalSize();
		long resourceWithPayloads = GraphLayout.parseInstance(resources, payloads).totalSize();
		long resourcePerEntry = (resourceWithPayloads - resourcePayload - resourceBefore) / ENTRIES;
		double loadsPerKey = contendedLoads(data) / (double) CONTENDED_KEYS;
		String json = String.format(Locale.ROOT,
				"{%n  \"entries\": %d,%n  \"dataBytesPerEntryBeyondPayload\": %d,%n"
						+ "  \"resourceBytesPerEntryBeyondPayload\": %d,%n  \"contendedKeys\": %d,%n"
						+ "  \"loadsPerContendedKey\": %.4f%n}%n",
				ENTRIES, dataPerEntry, resourcePerEntry, CONTENDED_KEYS, loadsPerKey);
		Files.writeString(Path.of(args[0]), json);
	}

	/** Two threads ask for each cold key at the same moment; returns how many loads ran in all. */
	private static long contendedLoads(SingleFlightCache<?> cache) throws Exception {
		AtomicLong loads = new AtomicLong();
		CyclicBarrier start = new CyclicBarrier(2);
		Runnable racer = () -> {
			try {
				for (int i = 0; i < CONTENDED_KEYS; i++) {
					start.await();
					int id = i;
					cache.get(new CacheKey(1, i), () -> {
						loads.incrementAndGet();
						return Payloads.person(id);
					});
				}
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		};
		Thread first = new Thread(racer);
		Thread second = new Thread(racer);
		first.start();
		second.start();
		first.join();
		second.join();
		return loads.get();
	}

}
