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

	EntityDependenciesTests() {
		this.dependencies.track(this.cache);
	}

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
		this.dependencies.typeChanged("Owner");
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
	void aTypeAQueryReadWithoutLoadingAnyOfItsEntitiesIsReachedByAnyChangeOfIt() throws Throwable {
		CacheKey count = new CacheKey(6, 6);
		store(count, () -> EntityLoads.queried("Owner"));
		CacheKey owners = new CacheKey(10, 10);
		store(owners, () -> {
			EntityLoads.queried("Owner");
			EntityLoads.loaded("Owner", 2L);
		});
		this.dependencies.changed("Owner", 1L);
		assertThat(this.cache.estimatedSize()).as("the count went, the list of owner 2 stayed").isOne();
		assertThat(this.dependencies.identifiersOf(this.cache, owners)).isOne();
		this.dependencies.typeChanged("Owner");
		assertThat(this.cache.estimatedSize()).isZero();
	}

	@Test
	void aComputationDuringWhichACommitChangedWhatItReadIsReturnedAndNotStored() throws Throwable {
		CacheKey key = new CacheKey(7, 7);
		Object value = this.dependencies.recording(this.cache, key, () -> this.cache.get(key, () -> {
			this.dependencies.computing();
			EntityLoads.loaded("Owner", 1L);
			// Another transaction commits a change of owner 1 while this computation runs.
			this.dependencies.changed("Owner", 1L);
			this.dependencies.computed();
			return new ArrayList<>(List.of("read before the commit"));
		}));
		assertThat(value).isEqualTo(List.of("read before the commit"));
		assertThat(this.cache.estimatedSize()).as("not stored").isZero();
		assertThat(this.dependencies.records()).isZero();
	}

	@Test
	void aComputationDuringWhichACommitChangedSomethingElseIsStored() throws Throwable {
		CacheKey key = new CacheKey(8, 8);
		this.dependencies.recording(this.cache, key, () -> this.cache.get(key, () -> {
			this.dependencies.computing();
			EntityLoads.loaded("Owner", 1L);
			this.dependencies.changed("Owner", 2L);
			this.dependencies.changed("Pet", 1L);
			this.dependencies.computed();
			return new ArrayList<>(List.of("value"));
		}));
		assertThat(this.cache.estimatedSize()).isOne();
		assertThat(this.dependencies.identifiersOf(this.cache, key)).isOne();
	}

	@Test
	void aNestedHitsDependenciesCountForTheOuterComputation() throws Throwable {
		CacheKey inner = new CacheKey(11, 11);
		store(inner, () -> EntityLoads.loaded("Pet", 3L));
		CacheKey outer = new CacheKey(12, 12);
		store(outer, () -> {
			try {
				this.dependencies.recording(this.cache, inner, () -> this.cache.get(inner, () -> {
					throw new AssertionError("a hit computes nothing");
				}));
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(this.dependencies.identifiersOf(this.cache, outer)).isOne();
		this.dependencies.changed("Pet", 3L);
		assertThat(this.cache.estimatedSize()).as("both went").isZero();
	}

	@Test
	void aHitRecordsNothing() throws Throwable {
		CacheKey key = new CacheKey(9, 9);
		store(key, () -> EntityLoads.loaded("Owner", 1L));
		this.dependencies.recording(this.cache, key, () -> this.cache.get(key, () -> {
			throw new AssertionError("a hit computes nothing");
		}));
		assertThat(this.dependencies.identifiersOf(this.cache, key)).isOne();
	}

	@Test
	void nothingIsRecordedOutsideARecording() {
		EntityLoads.loaded("Owner", 1L);
		assertThat(this.dependencies.records()).isZero();
	}

	private void store(CacheKey key, Runnable loads) throws Throwable {
		this.dependencies.recording(this.cache, key, () -> this.cache.get(key, () -> {
			this.dependencies.computing();
			loads.run();
			this.dependencies.computed();
			return new ArrayList<>(List.of("value"));
		}));
	}

}
