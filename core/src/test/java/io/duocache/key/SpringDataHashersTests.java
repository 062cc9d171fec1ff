package io.duocache.key;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

import io.duocache.ParamHasher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data's query arguments hash by value out of the box: equal values give equal keys, and
 * every difference a query would see gives another key.
 */
class SpringDataHashersTests {

	private static final CacheKey SEED = KeyHasher.seed("spring-data");

	@Test
	void hashesEqualPageRequestsAlikeAndOtherPagesApart() {
		assertThat(key(PageRequest.of(1, 20))).isEqualTo(key(PageRequest.of(1, 20)));
		assertThat(key(PageRequest.of(1, 20))).isNotEqualTo(key(PageRequest.of(0, 20)))
			.isNotEqualTo(key(PageRequest.of(1, 10)));
		assertThat(key(PageRequest.of(0, 20, Sort.by("name")))).isEqualTo(key(PageRequest.of(0, 20, Sort.by("name"))))
			.isNotEqualTo(key(PageRequest.of(0, 20)));
	}

	@Test
	void hashesUnpagedApartFromEveryPage() {
		assertThat(key(Pageable.unpaged())).isEqualTo(key(Pageable.unpaged()))
			.isNotEqualTo(key(PageRequest.of(0, 20)))
			.isNotEqualTo(key(Pageable.unpaged(Sort.by("name"))));
	}

	@Test
	void hashesEveryPartOfASortOrder() {
		Sort byName = Sort.by(Sort.Order.asc("name"));
		assertThat(key(byName)).isEqualTo(key(Sort.by("name")));
		assertThat(key(byName)).isNotEqualTo(key(Sort.by(Sort.Order.desc("name"))))
			.isNotEqualTo(key(Sort.by(Sort.Order.asc("name").ignoreCase())))
			.isNotEqualTo(key(Sort.by(Sort.Order.asc("name").nullsFirst())))
			.isNotEqualTo(key(Sort.by("city")))
			.isNotEqualTo(key(Sort.unsorted()));
		assertThat(key(Sort.by("name", "city"))).isNotEqualTo(key(Sort.by("city", "name")));
		assertThat(key(Sort.by(Sort.Order.asc("name")))).isEqualTo(key(Sort.by(List.of(Sort.Order.asc("name")))));
	}

	@Test
	void hashesLimitsAndScrollPositionsByValue() {
		assertThat(key(Limit.of(10))).isEqualTo(key(Limit.of(10))).isNotEqualTo(key(Limit.of(11)))
			.isNotEqualTo(key(Limit.unlimited()));
		assertThat(key(ScrollPosition.offset(5))).isEqualTo(key(ScrollPosition.offset(5)))
			.isNotEqualTo(key(ScrollPosition.offset(6)))
			.isNotEqualTo(key(ScrollPosition.offset()));
		assertThat(key(ScrollPosition.forward(Map.of("id", 7L)))).isEqualTo(key(ScrollPosition.forward(Map.of("id", 7L))))
			.isNotEqualTo(key(ScrollPosition.backward(Map.of("id", 7L))))
			.isNotEqualTo(key(ScrollPosition.forward(Map.of("id", 8L))))
			.isNotEqualTo(key(ScrollPosition.forward(Map.of("id", 7))));
	}

	@Test
	void letsTheApplicationsOwnHasherWin() {
		ParamHasher<Pageable> pageOnly = Pageable::getPageNumber;
		ParamHashers hashers = ParamHashers.of(SpringDataHashers.registrations())
			.overriddenBy(List.of(ParamHashers.Registration.of(Pageable.class, pageOnly)));
		assertThat(key(hashers, PageRequest.of(1, 20))).isEqualTo(key(hashers, PageRequest.of(1, 50)));
		assertThat(key(PageRequest.of(1, 20))).isNotEqualTo(key(PageRequest.of(1, 50)));
	}

	private static CacheKey key(Object argument) {
		return key(ParamHashers.of(SpringDataHashers.registrations()), argument);
	}

	private static CacheKey key(ParamHashers hashers, Object argument) {
		return new KeyHasher(SEED, List.of(new KeyHasher.KeyParameter(0, "pageable")), hashers,
				new ResourceIdentities(), "OwnerRepository.findByLastName")
			.keyFor(new Object[] { argument });
	}

}
