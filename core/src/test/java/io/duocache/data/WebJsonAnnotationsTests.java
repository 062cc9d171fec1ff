package io.duocache.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.module.SimpleModule;

import io.duocache.DataCodecCustomizer;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy holds every field as it is, whatever the annotations that shape the application's web JSON
 * say; time values keep their zone and offset and big decimals their scale; only a
 * {@link DataCodecCustomizer} changes the mapping.
 */
class WebJsonAnnotationsTests {

	@Test
	void copiesAFieldTheWebJsonIgnores() throws Throwable {
		Account account = new Account();
		account.name = "ada";
		account.passwordHash = "$2a$10$hash";
		account.apiToken = "secret";
		account.internalNote = "vip";
		Account copy = copyOf(account, Account.class);
		assertThat(copy).isNotSameAs(account);
		assertThat(copy.passwordHash).isEqualTo("$2a$10$hash");
		assertThat(copy.apiToken).isEqualTo("secret");
		assertThat(copy.internalNote).isEqualTo("vip");
		assertThat(copy.name).isEqualTo("ada");
	}

	@Test
	void copiesFieldsTheWebJsonRenamesFormatsLeavesOutOrWritesItsOwnWay() throws Throwable {
		Profile profile = new Profile();
		profile.displayName = "Ada";
		profile.birthday = LocalDate.of(1815, 12, 10);
		profile.nickname = null;
		profile.score = new Score(42);
		profile.readOnly = "kept";
		profile.shown = new Money(new BigDecimal("12.50"));
		Profile copy = copyOf(profile, Profile.class);
		assertThat(copy.displayName).isEqualTo("Ada");
		assertThat(copy.birthday).isEqualTo(LocalDate.of(1815, 12, 10));
		assertThat(copy.nickname).isNull();
		assertThat(copy.score.points).isEqualTo(42);
		assertThat(copy.readOnly).isEqualTo("kept");
		assertThat(copy.shown.amount).isEqualTo(new BigDecimal("12.50"));
	}

	@Test
	void keepsTheZoneOffsetAndScaleOfValues() throws Throwable {
		Moment moment = new Moment();
		moment.zoned = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneId.of("Europe/Berlin"));
		moment.offset = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-5));
		moment.price = new BigDecimal("1.50");
		moment.huge = new BigDecimal("1E+400");
		Moment copy = copyOf(moment, Moment.class);
		assertThat(copy.zoned).isEqualTo(moment.zoned);
		assertThat(copy.zoned.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(copy.offset).isEqualTo(moment.offset);
		assertThat(copy.offset.getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
		assertThat(copy.price.scale()).isEqualTo(2);
		assertThat(copy.price).isEqualTo(new BigDecimal("1.50"));
		assertThat(copy.huge).isEqualTo(new BigDecimal("1E+400"));
	}

	@Test
	void letsOnlyACustomizerChangeTheMapping() throws Throwable {
		DataCodecCustomizer moneyAsText = (builder) -> builder.addModule(new SimpleModule("money")
			.addSerializer(Money.class, new ValueSerializer<Money>() {
				@Override
				public void serialize(Money value, JsonGenerator gen, SerializationContext ctxt) {
					gen.writeString(value.text());
				}
			})
			.addDeserializer(Money.class, new ValueDeserializer<Money>() {
				@Override
				public Money deserialize(JsonParser parser, DeserializationContext ctxt) {
					return new Money(new BigDecimal(parser.getString().replace(" EUR", "")));
				}
			}));
		DataCodec plain = new DataCodec(List.of());
		DataCodec customized = new DataCodec(List.of(moneyAsText));
		Money money = new Money(new BigDecimal("3.10"));
		assertThat(new String(plain.mapper().writeValueAsBytes(money), StandardCharsets.ISO_8859_1))
			.as("@JsonValue is not what the data mapper writes")
			.doesNotContain("EUR");
		assertThat(new String(customized.mapper().writeValueAsBytes(money), StandardCharsets.ISO_8859_1))
			.contains("3.10 EUR");
		assertThat(((Money) copy(customized, money, Money.class)).amount).isEqualTo(new BigDecimal("3.10"));
	}

	private static <T> T copyOf(T value, Class<T> type) throws Throwable {
		return type.cast(copy(new DataCodec(List.of()), value, type));
	}

	private static Object copy(DataCodec codec, Object value, Class<?> type) throws Throwable {
		DataCache cache = new DataCache("test", CacheSettings.UNSET, codec, codec.mapper().constructType(type),
				"Test.method", EntryStore.NONE);
		cache.get(new CacheKey(0, 1), () -> value);
		Object copy = cache.get(new CacheKey(0, 1), () -> null);
		assertThat(copy).isNotSameAs(value);
		return copy;
	}

	@JsonIgnoreProperties({ "internalNote" })
	static class Account {

		String name;

		@JsonIgnore
		String passwordHash;

		@JsonView(Internal.class)
		String apiToken;

		String internalNote;

	}

	interface Internal {

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	static class Profile {

		@JsonProperty("display_name")
		String displayName;

		@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "dd.MM.")
		LocalDate birthday;

		String nickname;

		Score score;

		@JsonProperty(access = JsonProperty.Access.READ_ONLY)
		String readOnly;

		Money shown;

	}

	@JsonSerialize(using = ScoreAsText.class)
	static class Score {

		int points;

		Score() {
		}

		Score(int points) {
			this.points = points;
		}

	}

	static final class ScoreAsText extends ValueSerializer<Score> {

		@Override
		public void serialize(Score value, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeString(value.points + " points");
		}

	}

	static class Money {

		BigDecimal amount;

		Money() {
		}

		Money(BigDecimal amount) {
			this.amount = amount;
		}

		@JsonValue
		String text() {
			return this.amount.toPlainString() + " EUR";
		}

	}

	static class Moment {

		ZonedDateTime zoned;

		OffsetDateTime offset;

		BigDecimal price;

		BigDecimal huge;

	}

}
