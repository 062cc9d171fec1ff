package io.duocache.tier;

import java.util.List;

import org.springframework.context.ApplicationListener;
import org.springframework.session.events.SessionDestroyedEvent;

/**
 * Ends the session caches of a Spring Session session when Spring Session reports it deleted or
 * expired, since it calls no session-end callback of its own; defined only where the application
 * has Spring Session.
 */
public final class SpringSessionEnds implements ApplicationListener<SessionDestroyedEvent> {

	private final List<CacheRegistry<?>> registries;

	/**
	 * Creates the listener.
	 * @param registries the caches of both tiers
	 */
	public SpringSessionEnds(List<CacheRegistry<?>> registries) {
		this.registries = List.copyOf(registries);
	}

	@Override
	public void onApplicationEvent(SessionDestroyedEvent event) {
		String sessionId = event.getSessionId();
		for (CacheRegistry<?> registry : this.registries) {
			for (SingleFlightCache<?> cache : registry.getTierCaches()) {
				SessionCaches sessions = cache.sessions();
				if (sessions != null) {
					sessions.end(sessionId);
				}
			}
		}
	}

}
