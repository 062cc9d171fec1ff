package io.duocache.sample.weather;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for a slow external weather API; it counts the calls it receives.
 */
@RestController
class WeatherSourceController {

	private static final String[] CONDITIONS = { "sunny", "cloudy", "rain", "fog", "snow" };

	private final AtomicLong calls = new AtomicLong();

	@GetMapping("/api/source/weather/{city}")
	WeatherReport weather(@PathVariable String city) throws InterruptedException {
		this.calls.incrementAndGet();
		Thread.sleep(300);
		int seed = Math.abs(city.hashCode());
		return new WeatherReport(city, (seed % 350) / 10.0, CONDITIONS[seed % CONDITIONS.length], Instant.now());
	}

	@GetMapping("/api/source/calls")
	long calls() {
		return this.calls.get();
	}

}
