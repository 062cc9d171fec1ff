package io.duocache.aop;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.duocache.DuocacheException;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.SingleFlightCache;

/**
 * Finds the cache of the caller's HTTP session, through Spring Web's request context; loaded only
 * for {@code scope = SESSION} caches. A session's cache is emptied when the session ends
 * (invalidated or timed out), by a destruction callback kept in the session like those of Spring's
 * session-scoped beans. Spring Session calls no such callback and would have to serialize it into
 * its store, so for a Spring Session session none is kept: its end is heard from Spring Session's
 * events instead.
 */
final class HttpSessions {

	private static final String CALLBACK_PREFIX = "io.duocache.session.";

	/** What Spring Session's filter sets on every request whose session it stores. */
	private static final String SESSION_REPOSITORY_ATTRIBUTE = "org.springframework.session.SessionRepository";


	private HttpSessions() {
	}

	static SingleFlightCache<?> cacheOfCaller(SessionCaches sessions, CacheDeclaration declaration) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			throw new DuocacheException("'" + declaration.methodName() + "' keeps its entries per HTTP session "
					+ "(scope = SESSION), but it was called outside an HTTP request, where there is no session. To "
					+ "fix this, call it while a request is being handled (not from a scheduled task or another "
					+ "thread), or declare it with scope = GLOBAL.");
		}
		String sessionId = request.getSessionId();
		return sessions.forSession(sessionId, () -> {
			if (!isSpringSession(request)) {
				request.registerDestructionCallback(CALLBACK_PREFIX + declaration.cacheName(),
						() -> sessions.end(sessionId), RequestAttributes.SCOPE_SESSION);
			}
		});
	}

	private static boolean isSpringSession(RequestAttributes request) {
		if (!(request instanceof ServletRequestAttributes servlet)) {
			return false;
		}
		return servlet.getRequest().getAttribute(SESSION_REPOSITORY_ATTRIBUTE) != null;
	}

}
