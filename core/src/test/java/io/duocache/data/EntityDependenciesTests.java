package io.duocache.data;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records of which entries depend on which entities, alone: what a change, a delete and an insert
 * reach, and the bound that keeps a value of many entities to its types.
 */
class EntityDependenciesTests {

	private final DataCodec codec = new DataCodec(List.of());

	private final DataCache cache = new DataCache("owners", CacheSettings.UNSET, this.codec,
			this.codec.mapper().getTypeFactory().constructCollectionType(List.class, String.class), "Owners.all",
			EntryStore.NONE);

	private final EntityDependencies dependencies = new EntityDependencies();

	@Test
	void aChangeReachesTheEntriesThatLoadedTheEntityAndNoOthers() throws Throwable {
		CacheKey first = new CacheKey(1, 1);
		CacheKey second = new CacheKey(2, 2);
		store(first, () -> EntityLoads.loaded("Owner", 1L));
		store(second, () -> EntityLoads.loaded("Owner", 2L));
		assertThat(this.dependencies.identifiersOf(this.cache, first)).isOne();
		this.dependencies.changed("Owner", 1L);
		assertThat(this.cache.estimatedSize()).as("only the entry that loaded owner 1 went").isOne();
		assertThat(this.cache.counters().entityInvalidations()).isOne();
		this.dependencies.inserted("Owner");
		assertThat(this.cache.estimatedSize()).as("an insert reaches every entry over the type").isZero();
	}

	@Test
	void aNestedComputationsEntitiesCountForTheOuterOne() throws Throwable {
		CacheKey outer = new CacheKey(3, 3);
		store(outer, () -> {
			try {
				this.dependencies.recording(this.cache, new CacheKey(4, 4), () -> {
					EntityLoads.loaded("Pet", 7L);
					return null;
				});
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		this.dependencies.changed("Pet", 7L);
		assertThat(this.cache.estimatedSize()).as("the outer entry went").isZero();
	}

	@Test
	void aValueOfAHundredThousandEntitiesKeepsOnlyTheirTypesAndAnyChangeOfThemReachesIt() throws Throwable {
		CacheKey many = new CacheKey(5, 5);
		store(many, () -> {
			for (long id = 0; id < 100_000; id++) {
				EntityLoads.loaded("Owner", id);
			}
		});
		assertThat(this.dependencies.records()).isOne();
		assertThat(this.dependencies.identifiersOf(this.cache, many)).as("kept by its type, not 100,000 ids")
			.isEqualTo(-1);
		this.dependencies.changed("Owner", 123_456L);
		assertThat(this.cache.estimatedSize()).isZero();
	}

	@Test
	void nothingIsRecordedOutsideARecording() {
		EntityLoads.loaded("Owner", 1L);
		assertThat(this.dependencies.records()).isZero();
	}

	private void store(CacheKey key, Runnable loads) throws Throwable {
		this.dependencies.recording(this.cache, key, () -> this.cache.get(key, () -> {
			loads.run();
			return new ArrayList<>(List.of("value"));
		}));
	}

}
