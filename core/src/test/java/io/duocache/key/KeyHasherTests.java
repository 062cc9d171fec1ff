package io.duocache.key;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.duocache.Hashers;
import io.duocache.ParamHasher;
import io.duocache.ParamHasherException;
import io.duocache.UnhashableParamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyHasherTests {

	private static final CacheKey SEED = KeyHasher.seed("golden");

	@Test
	void pinsTheKeyFormat() {
		assertThat(SEED.toHex()).isEqualTo("37fa332dea31263d3b2ad6ce581f7b8b");
		assertThat(key("nyc").toHex()).isEqualTo("5fe3f1cba96e7fc1b8c11143b76cb5fb");
		assertThat(key(42, 42L, 1.5, null).toHex()).isEqualTo("bdc976e440c4ce2d7d7c37ec9bf544df");
		assertThat(key(List.of(1, 2), new LinkedHashSet<>(List.of("a", "b")), Map.of("k", 1)).toHex())
			.isEqualTo("248f12782f6d0cde322d3ed3df76c88c");
		assertThat(key(new Point(1, 2), TimeUnit.SECONDS, LocalDate.of(2024, 5, 1),
				UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new BigDecimal("1.50"), new int[] { 1, 2 })
			.toHex()).isEqualTo("3c0aa8c71da72c740ebc2501df929d91");
	}

	@Test
	void tagsValuesWithTheirType() {
		assertThat(key(1)).isNotEqualTo(key(1L)).isNotEqualTo(key(1.0)).isNotEqualTo(key("1"));
		assertThat(key((Object) null)).isNotEqualTo(key(Optional.empty()));
		assertThat(key(new BigDecimal("1.5"))).isNotEqualTo(key(new BigDecimal("1.50")));
	}

	@Test
	void hashesEqualValuesAlike() {
		assertThat(key(new String("nyc"))).isEqualTo(key("nyc"));
		assertThat(key(new ArrayList<>(List.of(1, 2)))).isEqualTo(key(List.of(1, 2)));
		assertThat(key(new Point(1, 2))).isEqualTo(key(new Point(1, 2)));
		assertThat(key(new int[] { 1, 2 })).isEqualTo(key(new int[] { 1, 2 }));
	}

	@Test
	void keepsTheOrderOfListsButNotOfSetsAndMaps() {
		assertThat(key(List.of(1, 2))).isNotEqualTo(key(List.of(2, 1)));
		assertThat(key(new LinkedHashSet<>(List.of("a", "b")))).isEqualTo(key(new LinkedHashSet<>(List.of("b", "a"))));
		Map<String, Integer> forward = new LinkedHashMap<>();
		forward.put("a", 1);
		forward.put("b", 2);
		Map<String, Integer> backward = new LinkedHashMap<>();
		backward.put("b", 2);
		backward.put("a", 1);
		assertThat(key(forward)).isEqualTo(key(backward)).isEqualTo(key(new HashMap<>(forward)));
		assertThat(key(Map.of("a", 1))).isNotEqualTo(key(Map.of("a", 2)));
	}

	@Test
	void hashesJsonObjectsRegardlessOfPropertyOrder() {
		JsonMapper mapper = JsonMapper.shared();
		JsonNode first = mapper.readTree("{\"a\":1,\"b\":[true,\"x\"]}");
		JsonNode second = mapper.readTree("{\"b\":[true,\"x\"],\"a\":1}");
		assertThat(key(first)).isEqualTo(key(second));
		assertThat(key(first)).isNotEqualTo(key(mapper.readTree("{\"a\":2,\"b\":[true,\"x\"]}")));
	}

	@Test
	void terminatesOnSelfReferencingStructures() {
		List<Object> loop = new ArrayList<>();
		loop.add("head");
		loop.add(loop);
		Map<String, Object> map = new HashMap<>();
		map.put("self", map);
		assertThat(key(loop)).isEqualTo(key(loop));
		assertThat(key(map)).isEqualTo(key(map));
	}

	@Test
	void terminatesOnCyclesDeeperThanTheUntrackedDepth() {
		List<Object> head = new ArrayList<>();
		List<Object> current = head;
		for (int i = 0; i < 20; i++) {
			List<Object> next = new ArrayList<>();
			current.add(i);
			current.add(next);
			current = next;
		}
		current.add(head);
		assertThat(key(head)).isEqualTo(key(head));
	}

	@Test
	void refusesAnArgumentNestedDeeperThanTheLimitNamingTheParameter() {
		List<Object> head = new ArrayList<>();
		List<Object> current = head;
		for (int i = 0; i < 10_000; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		assertThatExceptionOfType(UnhashableParamException.class).isThrownBy(() -> key(head))
			.withMessageStartingWith("Cannot hash argument 'arg0' (of type java.util.ArrayList) in "
					+ "'ScoreService.multiplyScore': it is nested more than 512 levels deep.")
			.satisfies((ex) -> assertThat(ex.getParameterName()).isEqualTo("arg0"));
	}

	@Test
	void refusesAJsonArgumentNestedDeeperThanTheLimit() {
		tools.jackson.databind.node.ArrayNode head = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		tools.jackson.databind.node.ArrayNode current = head;
		for (int i = 0; i < 10_000; i++) {
			current = current.addArray();
		}
		assertThatExceptionOfType(UnhashableParamException.class).isThrownBy(() -> key(head))
			.withMessageContaining("nested more than 512 levels deep");
	}

	@Test
	void hashesArgumentsNestedUpToTheLimit() {
		List<Object> head = new ArrayList<>();
		List<Object> current = head;
		for (int i = 0; i < 500; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		assertThat(key(head)).isEqualTo(key(head));
	}

	@Test
	void doesNotKeepTheBufferOfALargeArgumentAfterTheCall() {
		String large = "x".repeat(16 * 1024 * 1024);
		CacheKey first = key(large);
		assertThat(KeyHasher.retainedBufferBytes()).isLessThanOrEqualTo(KeySink.RETAINED_BYTES);
		assertThat(key(large)).isEqualTo(first);
		assertThat(key(large + "y")).isNotEqualTo(first);
	}

	@Test
	void hashesLargeArraysInFull() {
		double[] first = new double[10_000_000];
		double[] second = first.clone();
		second[second.length - 1] = 1.0;
		assertThat(key(first)).isNotEqualTo(key(second));
	}

	@Test
	void separatesArgumentsByPosition() {
		assertThat(key("a", "bc")).isNotEqualTo(key("ab", "c"));
		assertThat(key("a", null)).isNotEqualTo(key(null, "a"));
	}

	@Test
	void explainsAnUnhashableArgument() {
		assertThatExceptionOfType(UnhashableParamException.class).isThrownBy(() -> key(new Score(3)))
			.withMessage("Cannot hash argument 'arg0' (of type io.duocache.key.KeyHasherTests$Score) in 'ScoreService.multiplyScore'.\n"
					+ "To fix this, exclude it from the key with @Exclude or a leading underscore (_arg0),\n"
					+ "or register a ParamHasher<io.duocache.key.KeyHasherTests$Score> bean, or name one in @CacheData(hashers = ...).");
	}

	@Test
	void namesTheUnhashableTypeInsideACollection() {
		assertThatExceptionOfType(UnhashableParamException.class).isThrownBy(() -> key(List.of(new Score(3))))
			.satisfies((ex) -> assertThat(ex.getTypeName()).isEqualTo(Score.class.getName()));
	}

	@Test
	void hashesWhatAParamHasherReturnsByTheBuiltInRules() {
		ParamHashers hashers = ParamHashers.of(List.of(ParamHashers.Registration.of(Score.class,
				(ParamHasher<Score>) (score) -> score.value)));
		assertThat(keyWith(hashers, new Score(3))).isEqualTo(keyWith(hashers, new Score(3)))
			.isNotEqualTo(keyWith(hashers, new Score(4)))
			.isNotEqualTo(keyWith(hashers, 3));
	}

	@Test
	void prefersTheHasherOfTheNearestType() {
		ParamHashers hashers = ParamHashers.of(List.of(
				ParamHashers.Registration.of(Object.class, (ParamHasher<Object>) (value) -> "object"),
				ParamHashers.Registration.of(Score.class, (ParamHasher<Score>) (score) -> score.value)));
		assertThat(keyWith(hashers, new Score(3))).isNotEqualTo(keyWith(hashers, new Score(4)));
	}

	@Test
	void prefersAnnotationHashersOverBeans() {
		ParamHashers beans = ParamHashers.of(
				List.of(ParamHashers.Registration.of(Score.class, (ParamHasher<Score>) (score) -> score.value)));
		ParamHashers method = beans.overriddenBy(
				List.of(ParamHashers.Registration.of(Object.class, (ParamHasher<Object>) (value) -> "constant")));
		assertThat(keyWith(method, new Score(3))).isEqualTo(keyWith(method, new Score(4)));
	}

	@Test
	void reportsAHasherThatThrows() {
		ParamHashers hashers = ParamHashers.of(List.of(ParamHashers.Registration.of(Score.class,
				(ParamHasher<Score>) (score) -> {
					throw new IllegalArgumentException("no score");
				})));
		assertThatExceptionOfType(ParamHasherException.class).isThrownBy(() -> keyWith(hashers, new Score(3)))
			.withMessageContaining("failed on argument 'arg0' (of type " + Score.class.getName() + ") in 'ScoreService.multiplyScore'")
			.withMessageContaining("no score")
			.withCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hashesByIdentityOnlyWhenAskedTo() {
		ParamHashers hashers = ParamHashers.of(List.of(ParamHashers.Registration.of(Score.class, Hashers.identity())));
		Score score = new Score(3);
		assertThat(keyWith(hashers, score)).isEqualTo(keyWith(hashers, score))
			.isNotEqualTo(keyWith(hashers, new Score(3)));
	}

	@Test
	void hashesAResourceByTheEntryThatProducedIt() {
		ResourceIdentities resources = new ResourceIdentities();
		Score pool = new Score(1);
		resources.register(pool, new CacheKey(7, 7));
		KeyHasher hasher = new KeyHasher(SEED, List.of(new KeyHasher.KeyParameter(0, "arg0")), ParamHashers.none(),
				resources, "ScoreService.multiplyScore");
		assertThat(hasher.keyFor(new Object[] { pool })).isEqualTo(hasher.keyFor(new Object[] { pool }));
		assertThatExceptionOfType(UnhashableParamException.class)
			.isThrownBy(() -> hasher.keyFor(new Object[] { new Score(1) }));
	}

	private static CacheKey key(Object... args) {
		return keyWith(ParamHashers.none(), args);
	}

	private static CacheKey keyWith(ParamHashers hashers, Object... args) {
		List<KeyHasher.KeyParameter> parameters = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			parameters.add(new KeyHasher.KeyParameter(i, "arg" + i));
		}
		return new KeyHasher(SEED, parameters, hashers, new ResourceIdentities(), "ScoreService.multiplyScore")
			.keyFor(Arrays.copyOf(args, args.length));
	}

	record Point(int x, int y) {
	}

	static final class Score {

		final int value;

		Score(int value) {
			this.value = value;
		}

	}

}
