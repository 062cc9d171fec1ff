package io.duocache.sample.rides;

import java.util.List;

import org.springframework.stereotype.Service;

import io.duocache.CacheData;
import io.duocache.Scope;

/**
 * Transformations of the dataset, cached on their own.
 */
@Service
public class RideQueries {

	private final RideLoader loader;

	public RideQueries(RideLoader loader) {
		this.loader = loader;
	}

	/**
	 * Returns the rides that started in one hour of the day.
	 * @param hour the hour, 0 to 23
	 * @param limit how many rows of the dataset to consider
	 * @return the matching rides
	 */
	@CacheData(name = "ridesByHour")
	public List<Ride> ridesAtHour(int hour, int limit) {
		return this.loader.loadRides(limit).stream().filter((ride) -> ride.pickedUpAt().getHour() == hour).toList();
	}

	/**
	 * Returns the rides of one dispatching base, as a visitor filtered them: kept for that visitor's
	 * HTTP session only, so each visitor has their own filters and they leave with the session.
	 * @param base the base, such as {@code B02512}
	 * @param limit how many rows of the dataset to consider
	 * @return the matching rides
	 */
	@CacheData(scope = Scope.SESSION, maxEntries = 20)
	public List<Ride> ridesOfBase(String base, int limit) {
		return this.loader.loadRides(limit).stream().filter((ride) -> ride.base().equals(base)).toList();
	}

}
