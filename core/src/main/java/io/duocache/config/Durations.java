package io.duocache.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the durations written in annotations: {@code "90s"}, {@code "10m"}, {@code "1h"},
 * {@code "2d"}, {@code "250ms"}, ISO-8601 such as {@code "PT1H30M"}, and plain numbers as seconds.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^(\\d+)\\s*(ns|us|ms|s|m|h|d)?$");

	private Durations() {
	}

	/**
	 * Returns the shorter of two bounds, either of which may be absent.
	 * @param first a bound, or {@code null}
	 * @param second a bound, or {@code null}
	 * @return the shorter, or {@code null} when both are absent
	 */
	public static @Nullable Duration shorter(@Nullable Duration first, @Nullable Duration second) {
		if (first == null || second == null) {
			return (first != null) ? first : second;
		}
		return (second.compareTo(first) < 0) ? second : first;
	}

	/**
	 * Parses a duration.
	 * @param text the text to parse
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration, or is negative or zero
	 */
	public static Duration parse(String text) {
		String trimmed = text.trim().toLowerCase(Locale.ROOT);
		Duration duration;
		Matcher matcher = SIMPLE.matcher(trimmed);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
			duration = switch (unit) {
				case "ns" -> Duration.ofNanos(amount);
				case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
				case "ms" -> Duration.ofMillis(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> Duration.ofSeconds(amount);
			};
		}
		else if (trimmed.startsWith("p") || trimmed.startsWith("-p")) {
			try {
				duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
			}
			catch (DateTimeParseException ex) {
				throw invalid(text);
			}
		}
		else {
			throw invalid(text);
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("'" + text + "' is not a positive duration");
		}
		return duration;
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("'" + text + "' is not a duration; write it like \"90s\", \"10m\", "
				+ "\"1h\", \"2d\" or \"PT1H30M\"");
	}

}
