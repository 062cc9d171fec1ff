package io.duocache.actuate;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web side of the {@code duocache} endpoint: clearing a cache that does not exist answers 404,
 * as reading it does.
 */
@EndpointWebExtension(endpoint = DuocacheEndpoint.class)
public class DuocacheEndpointWebExtension {

	private final DuocacheEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint it extends
	 */
	public DuocacheEndpointWebExtension(DuocacheEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Clears one cache.
	 * @param name the cache name
	 * @return 204 when the cache was cleared, 404 when no cache has that name
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> clearCache(@Selector String name) {
		boolean found = this.endpoint.clearCache(name);
		return new WebEndpointResponse<>(found ? WebEndpointResponse.STATUS_NO_CONTENT
				: WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
