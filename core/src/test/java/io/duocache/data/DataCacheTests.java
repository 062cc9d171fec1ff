package io.duocache.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.duocache.UnserializableReturnValueException;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class DataCacheTests {

	private final DataCodec codec = new DataCodec(List.of());

	@Test
	void keepsTheStoredCopiesWithinMaxSize() throws Throwable {
		DataCache cache = cache(new CacheSettings(null, null, DataSize.ofKilobytes(100)), byte[].class);
		for (int i = 0; i < 50; i++) {
			cache.get(new CacheKey(0, i), () -> new byte[10_000]);
		}
		cache.cleanUp();
		await().until(() -> cache.bytes() <= DataSize.ofKilobytes(100).toBytes());
		assertThat(cache.estimatedSize()).isBetween(1L, 10L);
	}

	@Test
	void honoursMaxEntriesAndMaxSizeTogether() throws Throwable {
		DataCache cache = cache(new CacheSettings(null, 5L, DataSize.ofMegabytes(1)), String.class);
		for (int i = 0; i < 50; i++) {
			int id = i;
			cache.get(new CacheKey(0, i), () -> "v" + id);
		}
		cache.cleanUp();
		assertThat(cache.estimatedSize()).isLessThanOrEqualTo(5);
	}

	@Test
	void returnsJdkImmutableCollectionsOfImmutablesWithoutACopy() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, List.class);
		List<String> value = List.of("a", "b");
		cache.get(new CacheKey(0, 1), () -> value);
		assertThat(cache.get(new CacheKey(0, 1), () -> null)).isSameAs(value);
	}

	@Test
	void copiesImmutableCollectionsThatHoldMutableValues() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, Object.class);
		List<List<String>> value = List.of(new ArrayList<>(List.of("a")));
		cache.get(new CacheKey(0, 1), () -> value);
		assertThat(cache.get(new CacheKey(0, 1), () -> null)).isNotSameAs(value).isEqualTo(value);
	}

	@Test
	void writesPrimitiveArraysAsRawBinary() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, long[].class);
		cache.get(new CacheKey(0, 1), () -> new long[100_000]);
		assertThat(cache.bytes()).isBetween(800_000L, 800_016L);
	}

	@Test
	void copiesEveryNumericArrayTypeExactlyAcrossChunkBoundaries() throws Throwable {
		java.util.Random random = new java.util.Random(7);
		for (int length : new int[] { 0, 1, 7, 8_193, 100_003 }) {
			double[] doubles = random.doubles(length).toArray();
			long[] longs = random.longs(length).toArray();
			int[] ints = random.ints(length).toArray();
			float[] floats = new float[length];
			short[] shorts = new short[length];
			for (int i = 0; i < length; i++) {
				floats[i] = random.nextFloat();
				shorts[i] = (short) random.nextInt();
			}
			assertThat(roundTrip(double[].class, doubles)).isEqualTo(doubles);
			assertThat(roundTrip(long[].class, longs)).isEqualTo(longs);
			assertThat(roundTrip(int[].class, ints)).isEqualTo(ints);
			assertThat(roundTrip(float[].class, floats)).isEqualTo(floats);
			assertThat(roundTrip(short[].class, shorts)).isEqualTo(shorts);
		}
	}

	private Object roundTrip(Class<?> type, Object value) throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, type);
		cache.get(new CacheKey(0, 1), () -> value);
		Object copy = cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy).isNotSameAs(value);
		return copy;
	}

	@Test
	void copiesValuesDeclaredAsObjectThroughTheirRuntimeClass() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, Object.class);
		Map<String, Integer> value = new java.util.HashMap<>(Map.of("a", 1));
		cache.get(new CacheKey(0, 1), () -> value);
		Object copy = cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy).isInstanceOf(java.util.HashMap.class).isEqualTo(value).isNotSameAs(value);
	}

	@Test
	void refusesASubclassOfTheDeclaredTypeInsteadOfServingItAsTheSupertype() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, Animal.class);
		Animal animal = new Animal();
		animal.name = "generic";
		assertThat(cache.get(new CacheKey(0, 1), () -> animal)).isSameAs(animal);
		Dog dog = new Dog();
		dog.name = "rex";
		dog.breed = "collie";
		assertThatExceptionOfType(UnserializableReturnValueException.class)
			.isThrownBy(() -> cache.get(new CacheKey(0, 2), () -> dog))
			.withMessageContaining(Dog.class.getName())
			.withMessageContaining("came back as a " + Animal.class.getName());
		assertThat(cache.lookup(new CacheKey(0, 2))).isNull();
	}

	@Test
	void refusesASubclassDeepInALongListAndInALaterListOfAVerifiedClass() throws Throwable {
		DataCache cache = new DataCache("test", CacheSettings.UNSET, this.codec,
				this.codec.mapper().getTypeFactory().constructCollectionType(List.class, Animal.class), "Test.method",
				EntryStore.NONE);
		List<Animal> animals = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			Animal animal = new Animal();
			animal.name = "a" + i;
			animals.add(animal);
		}
		cache.get(new CacheKey(0, 1), () -> animals);
		assertThat((List<?>) cache.get(new CacheKey(0, 1), () -> null)).hasSize(5000);
		for (int position : new int[] { 4000, 10 }) {
			List<Animal> withADog = new ArrayList<>(animals);
			Dog dog = new Dog();
			dog.name = "rex";
			dog.breed = "collie";
			withADog.set(position, dog);
			assertThatExceptionOfType(UnserializableReturnValueException.class)
				.isThrownBy(() -> cache.get(new CacheKey(1, position), () -> withADog))
				.withMessageContaining("value[" + position + "] was a " + Dog.class.getName());
			assertThat(cache.lookup(new CacheKey(1, position))).isNull();
		}
	}

	@Test
	void keepsCopyingValuesOfAClassAlreadyVerified() throws Throwable {
		DataCache cache = cache(CacheSettings.UNSET, Animal.class);
		for (int i = 0; i < 3; i++) {
			Animal animal = new Animal();
			animal.name = "a" + i;
			cache.get(new CacheKey(0, i), () -> animal);
			assertThat(((Animal) cache.get(new CacheKey(0, i), () -> null)).name).isEqualTo("a" + i);
		}
	}

	@Test
	void acceptsASetWhoseElementsHashByIdentityWhateverOrderItsCopyIteratesIn() throws Throwable {
		for (Class<?> type : List.of(Tagged.class, Object.class)) {
			DataCache cache = cache(CacheSettings.UNSET, type);
			Tagged tagged = new Tagged();
			for (int i = 0; i < 50; i++) {
				Tag tag = new Tag();
				tag.name = "tag-" + i;
				tagged.tags.add(tag);
				tagged.ordered.add(tag);
			}
			cache.get(new CacheKey(0, 1), () -> tagged);
			Tagged copy = (Tagged) cache.get(new CacheKey(0, 1), () -> null);
			assertThat(copy.tags).extracting((tag) -> tag.name)
				.containsExactlyInAnyOrderElementsOf(tagged.tags.stream().map((tag) -> tag.name).toList());
			assertThat(copy.ordered).extracting((tag) -> tag.name)
				.as("a set declared as Set iterates in the original's order")
				.containsExactlyElementsOf(tagged.ordered.stream().map((tag) -> tag.name).toList());
		}
	}

	private DataCache cache(CacheSettings settings, Class<?> type) {
		return new DataCache("test", settings, this.codec, this.codec.mapper().constructType(type), "Test.method",
				EntryStore.NONE);
	}

	static class Animal {

		String name;

	}

	static class Tagged {

		java.util.HashSet<Tag> tags = new java.util.HashSet<>();

		java.util.Set<Tag> ordered = new java.util.HashSet<>();

	}

	static class Tag {

		String name;

	}

	static class Dog extends Animal {

		String breed;

	}

}
