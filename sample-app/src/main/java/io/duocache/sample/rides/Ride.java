package io.duocache.sample.rides;

import java.time.LocalDateTime;

/**
 * One pickup.
 *
 * @param pickedUpAt when the ride started
 * @param lat latitude of the pickup
 * @param lon longitude of the pickup
 * @param base the dispatching base
 */
public record Ride(LocalDateTime pickedUpAt, double lat, double lon, String base) {
}
