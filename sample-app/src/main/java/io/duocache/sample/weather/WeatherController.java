package io.duocache.sample.weather;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WeatherController {

	private final WeatherClient client;

	WeatherController(WeatherClient client) {
		this.client = client;
	}

	@GetMapping("/weather/{city}")
	WeatherReport weather(@PathVariable String city) {
		return this.client.current(city);
	}

}
