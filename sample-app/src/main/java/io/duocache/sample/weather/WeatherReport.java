package io.duocache.sample.weather;

import java.time.Instant;

/**
 * What the weather service answered.
 *
 * @param city the city
 * @param temperatureCelsius the temperature
 * @param conditions a short description
 * @param observedAt when the service produced the answer
 */
public record WeatherReport(String city, double temperatureCelsius, String conditions, Instant observedAt) {
}
