package io.duocache.key;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The built-in hashing rule that applies to a class. Each kind writes its own tag first, so values
 * of different kinds never hash alike; the tags are part of the key format and never change.
 */
enum ValueKind {

	NULL(1, true), BOOLEAN(2, true), BYTE(3, true), SHORT(4, true), CHAR(5, true), INT(6, true), LONG(7, true),
	FLOAT(8, true), DOUBLE(9, true), STRING(10, true), ENUM(11, true), TEMPORAL(12, true), DATE(13, true),
	UUID(14, true), BIG_DECIMAL(15, true), BIG_INTEGER(16, true), CLASS(17, true), URI(18, true), URL(19, true),
	PATH(20, true), FILE(21, true), LOCALE(22, true), CURRENCY(23, true), PATTERN(24, true),
	OPTIONAL_INT(25, true), OPTIONAL_LONG(26, true), OPTIONAL_DOUBLE(27, true),

	BOOLEAN_ARRAY(40, false), BYTE_ARRAY(41, false), SHORT_ARRAY(42, false), CHAR_ARRAY(43, false),
	INT_ARRAY(44, false), LONG_ARRAY(45, false), FLOAT_ARRAY(46, false), DOUBLE_ARRAY(47, false),
	OBJECT_ARRAY(48, false), LIST(49, false), SET(50, false), MAP(51, false), OPTIONAL(52, false),
	RECORD(53, false), JSON_NODE(54, false),

	RESOURCE(70, false), IDENTITY(71, false), HASHED(72, false), BACK_REFERENCE(73, false),

	UNKNOWN(0, false);

	private static final ClassValue<ValueKind> KINDS = new ClassValue<>() {
		@Override
		protected ValueKind computeValue(Class<?> type) {
			return classify(type);
		}
	};

	final int tag;

	/** Whether values of this kind are immutable leaves: never containers, never resources. */
	final boolean scalar;

	ValueKind(int tag, boolean scalar) {
		this.tag = tag;
		this.scalar = scalar;
	}

	static ValueKind of(Class<?> type) {
		return KINDS.get(type);
	}

	private static ValueKind classify(Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return BOOLEAN;
		}
		if (type == Byte.class || type == byte.class) {
			return BYTE;
		}
		if (type == Short.class || type == short.class) {
			return SHORT;
		}
		if (type == Character.class || type == char.class) {
			return CHAR;
		}
		if (type == Integer.class || type == int.class) {
			return INT;
		}
		if (type == Long.class || type == long.class) {
			return LONG;
		}
		if (type == Float.class || type == float.class) {
			return FLOAT;
		}
		if (type == Double.class || type == double.class) {
			return DOUBLE;
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return STRING;
		}
		if (Enum.class.isAssignableFrom(type)) {
			return ENUM;
		}
		if (type.getPackageName().equals("java.time") && !type.isInterface()) {
			return TEMPORAL;
		}
		if (Date.class.isAssignableFrom(type)) {
			return DATE;
		}
		if (type == java.util.UUID.class) {
			return UUID;
		}
		if (type == BigDecimal.class) {
			return BIG_DECIMAL;
		}
		if (type == BigInteger.class) {
			return BIG_INTEGER;
		}
		if (type == Class.class) {
			return CLASS;
		}
		if (type == java.net.URI.class) {
			return URI;
		}
		if (type == java.net.URL.class) {
			return URL;
		}
		if (Path.class.isAssignableFrom(type)) {
			return PATH;
		}
		if (File.class.isAssignableFrom(type)) {
			return FILE;
		}
		if (type == Locale.class) {
			return LOCALE;
		}
		if (type == Currency.class) {
			return CURRENCY;
		}
		if (type == Pattern.class) {
			return PATTERN;
		}
		if (type == OptionalInt.class) {
			return OPTIONAL_INT;
		}
		if (type == OptionalLong.class) {
			return OPTIONAL_LONG;
		}
		if (type == OptionalDouble.class) {
			return OPTIONAL_DOUBLE;
		}
		if (type.isArray()) {
			return arrayKind(type.getComponentType());
		}
		if (Set.class.isAssignableFrom(type)) {
			return SET;
		}
		if (Collection.class.isAssignableFrom(type)) {
			return LIST;
		}
		if (Map.class.isAssignableFrom(type)) {
			return MAP;
		}
		if (type == Optional.class) {
			return OPTIONAL;
		}
		if (type.isRecord()) {
			return RECORD;
		}
		if (JsonNode.class.isAssignableFrom(type)) {
			return JSON_NODE;
		}
		if (type == IdentityHasher.Token.class) {
			return IDENTITY;
		}
		return UNKNOWN;
	}

	private static ValueKind arrayKind(Class<?> component) {
		if (component == boolean.class) {
			return BOOLEAN_ARRAY;
		}
		if (component == byte.class) {
			return BYTE_ARRAY;
		}
		if (component == short.class) {
			return SHORT_ARRAY;
		}
		if (component == char.class) {
			return CHAR_ARRAY;
		}
		if (component == int.class) {
			return INT_ARRAY;
		}
		if (component == long.class) {
			return LONG_ARRAY;
		}
		if (component == float.class) {
			return FLOAT_ARRAY;
		}
		if (component == double.class) {
			return DOUBLE_ARRAY;
		}
		return OBJECT_ARRAY;
	}

}
