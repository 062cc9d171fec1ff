package io.duocache.sample.rides;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RideController {

	private final RideLoader loader;

	private final RideQueries queries;

	private final int rows;

	RideController(RideLoader loader, RideQueries queries, @Value("${sample.rides.rows}") int rows) {
		this.loader = loader;
		this.queries = queries;
		this.rows = rows;
	}

	@GetMapping("/rides")
	Map<String, Object> rides() {
		List<Ride> rides = this.loader.loadRides(this.rows);
		return Map.of("count", rides.size(), "first", rides.subList(0, Math.min(5, rides.size())));
	}

	@GetMapping("/rides/base/{base}")
	Map<String, Object> ridesOfBase(@PathVariable String base) {
		List<Ride> rides = this.queries.ridesOfBase(base, this.rows);
		return Map.of("base", base, "count", rides.size(), "first", rides.subList(0, Math.min(5, rides.size())));
	}

	@GetMapping("/rides/hour/{hour}")
	Map<String, Object> ridesAtHour(@PathVariable int hour) {
		List<Ride> rides = this.queries.ridesAtHour(hour, this.rows);
		return Map.of("hour", hour, "count", rides.size(), "first", rides.subList(0, Math.min(5, rides.size())));
	}

}
