package io.duocache.sample.weather;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import io.duocache.CacheData;
import io.duocache.Refresh;

/**
 * Calls the weather API over HTTP. An answer is fresh for 30 seconds; for the 30 seconds after that
 * it is still served at once while a new one is fetched in the background, so no request waits for
 * the API once a city has been asked for.
 */
@Service
public class WeatherClient {

	private final RestClient http;

	private final Environment environment;

	public WeatherClient(RestClient.Builder http, Environment environment) {
		this.http = http.build();
		this.environment = environment;
	}

	/**
	 * Returns the current weather of a city.
	 * @param city the city
	 * @return the report
	 */
	@CacheData(ttl = "30s", refresh = Refresh.BACKGROUND)
	public WeatherReport current(String city) {
		String port = this.environment.getProperty("local.server.port", "8080");
		return this.http.get()
			.uri("http://localhost:" + port + "/api/source/weather/{city}", city)
			.retrieve()
			.body(WeatherReport.class);
	}

}
