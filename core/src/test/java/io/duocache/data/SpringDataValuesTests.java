package io.duocache.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import tools.jackson.databind.JavaType;

import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data's pages, slices and windows are copied as what they are, with their content, pageable,
 * sort, total and positions, and a caller that changes its copy never reaches the cache.
 */
class SpringDataValuesTests {

	private final DataCodec codec = new DataCodec(List.of());

	@Test
	void copiesAPageWithItsContentPageableSortAndTotal() throws Throwable {
		PageRequest pageable = PageRequest.of(2, 3, Sort.by(Sort.Order.desc("name").ignoreCase(), Sort.Order.asc("id")));
		Page<Pet> page = new PageImpl<>(pets("a", "b", "c"), pageable, 40);
		DataCache cache = cache(type(Page.class, Pet.class));
		cache.get(new CacheKey(0, 1), () -> page);
		@SuppressWarnings("unchecked")
		Page<Pet> copy = (Page<Pet>) cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy).isInstanceOf(PageImpl.class).isNotSameAs(page);
		assertThat(copy.getContent()).extracting((pet) -> pet.name).containsExactly("a", "b", "c");
		assertThat(copy.getContent().get(0)).isNotSameAs(page.getContent().get(0));
		assertThat(copy.getPageable()).isEqualTo(pageable);
		assertThat(copy.getSort()).isEqualTo(pageable.getSort());
		assertThat(copy.getTotalElements()).isEqualTo(40);
		assertThat(copy.getTotalPages()).isEqualTo(14);
		assertThat(copy).isEqualTo(page);
	}

	@Test
	void keepsTheCachedPageWhenACallerChangesItsCopy() throws Throwable {
		DataCache cache = cache(type(Page.class, Pet.class));
		cache.get(new CacheKey(0, 1), () -> new PageImpl<>(pets("a"), PageRequest.of(0, 1), 5));
		@SuppressWarnings("unchecked")
		Page<Pet> first = (Page<Pet>) cache.get(new CacheKey(0, 1), () -> null);
		first.getContent().get(0).name = "changed";
		@SuppressWarnings("unchecked")
		Page<Pet> second = (Page<Pet>) cache.get(new CacheKey(0, 1), () -> null);
		assertThat(second.getContent().get(0).name).isEqualTo("a");
	}

	@Test
	void copiesAnUnpagedPage() throws Throwable {
		Page<Pet> page = new PageImpl<>(pets("a", "b"));
		DataCache cache = cache(type(Page.class, Pet.class));
		cache.get(new CacheKey(0, 1), () -> page);
		Page<?> copy = (Page<?>) cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy.getPageable().isUnpaged()).isTrue();
		assertThat(copy.getTotalElements()).isEqualTo(2);
		assertThat(copy).isEqualTo(page);
	}

	@Test
	void copiesASliceWithWhetherItHasANextOne() throws Throwable {
		Slice<Pet> slice = new SliceImpl<>(pets("a", "b"), PageRequest.of(0, 2, Sort.by("name")), true);
		DataCache cache = cache(type(Slice.class, Pet.class));
		cache.get(new CacheKey(0, 1), () -> slice);
		Slice<?> copy = (Slice<?>) cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy).isInstanceOf(SliceImpl.class).isNotSameAs(slice);
		assertThat(copy.hasNext()).isTrue();
		assertThat(copy.getPageable()).isEqualTo(PageRequest.of(0, 2, Sort.by("name")));
		assertThat(copy.getContent()).hasSize(2);
	}

	@Test
	void copiesAWindowWithThePositionOfEveryElement() throws Throwable {
		List<Pet> content = pets("a", "b");
		Window<Pet> keyset = Window.from(content, (i) -> ScrollPosition.forward(Map.of("id", 10L + i, "name",
				content.get(i).name)), true);
		DataCache cache = cache(type(Window.class, Pet.class));
		cache.get(new CacheKey(0, 1), () -> keyset);
		Window<?> copy = (Window<?>) cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy.size()).isEqualTo(2);
		assertThat(copy.hasNext()).isTrue();
		assertThat(copy.positionAt(1)).isEqualTo(ScrollPosition.forward(Map.of("id", 11L, "name", "b")));

		Window<Pet> offset = Window.from(content, (i) -> ScrollPosition.offset(20 + i), false);
		cache.get(new CacheKey(0, 2), () -> offset);
		Window<?> offsetCopy = (Window<?>) cache.get(new CacheKey(0, 2), () -> null);
		assertThat(offsetCopy.positionAt(0)).isEqualTo(ScrollPosition.offset(20));
		assertThat(offsetCopy.hasNext()).isFalse();
	}

	@Test
	void copiesPageablesAndSortsAsValues() throws Throwable {
		DataCache pageables = cache(this.codec.mapper().constructType(Pageable.class));
		pageables.get(new CacheKey(0, 1), () -> PageRequest.of(3, 7, Sort.by("x")));
		assertThat(pageables.get(new CacheKey(0, 1), () -> null)).isEqualTo(PageRequest.of(3, 7, Sort.by("x")));
		DataCache sorts = cache(this.codec.mapper().constructType(Sort.class));
		Sort sort = Sort.by(Sort.Order.desc("a").nullsLast(), Sort.Order.asc("b").ignoreCase());
		sorts.get(new CacheKey(0, 1), () -> sort);
		assertThat(sorts.get(new CacheKey(0, 1), () -> null)).isEqualTo(sort);
	}

	@Test
	void treatsSpringDataTypesAsConcreteDeclaredTypes() {
		assertThat(DataCodec.isVague(type(Page.class, Pet.class))).isFalse();
		assertThat(DataCodec.isVague(this.codec.mapper().constructType(Pageable.class))).isFalse();
		assertThat(this.codec.whyUnreadable(type(Page.class, Pet.class))).isNull();
	}

	private JavaType type(Class<?> container, Class<?> element) {
		return this.codec.mapper().getTypeFactory().constructParametricType(container, element);
	}

	private DataCache cache(JavaType type) {
		return new DataCache("test", CacheSettings.UNSET, this.codec, type, "PetRepository.find", EntryStore.NONE);
	}

	private static List<Pet> pets(String... names) {
		List<Pet> pets = new ArrayList<>();
		for (String name : names) {
			Pet pet = new Pet();
			pet.name = name;
			pets.add(pet);
		}
		return pets;
	}

	static class Pet {

		String name;

		@Override
		public boolean equals(Object other) {
			return other instanceof Pet pet && java.util.Objects.equals(pet.name, this.name);
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hashCode(this.name);
		}

	}

}
