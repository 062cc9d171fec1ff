package io.duocache.aop;

import java.util.concurrent.TimeUnit;

import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.springframework.aop.ProxyMethodInvocation;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.data.DataCache;
import io.duocache.data.EntityDependencies;
import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.Loader;
import io.duocache.tier.SingleFlightCache;
import io.duocache.tier.TransactionWrites;

/**
 * One cached method of one bean, resolved once: its cache, its key hasher and how it logs.
 */
final class CachedMethod implements Loader<MethodInvocation> {

	private static final Log spinnerLog = LogFactory.getLog("io.duocache.Spinner");

	private final SingleFlightCache<?> cache;

	private final KeyHasher keyHasher;

	private final ReturnKind returnKind;

	private final CacheDeclaration declaration;

	/** The caches of the sessions for a {@code scope = SESSION} method, else {@code null}. */
	private final @Nullable SessionCaches sessions;

	/** Where a data cache that invalidates on entity changes records what its values depend on, else {@code null}. */
	private final @Nullable EntityDependencies entities;

	CachedMethod(SingleFlightCache<?> cache, KeyHasher keyHasher, ReturnKind returnKind, CacheDeclaration declaration,
			@Nullable SessionCaches sessions, @Nullable EntityDependencies entities) {
		this.cache = cache;
		this.keyHasher = keyHasher;
		this.returnKind = returnKind;
		this.declaration = declaration;
		this.sessions = sessions;
		this.entities = entities;
	}

	@Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object key = this.keyHasher.keyFor(invocation.getArguments());
		if (TransactionWrites.hides(this.declaration.cacheName(), key)) {
			return invocation.proceed();
		}
		SingleFlightCache<?> cache = (this.sessions != null)
				? HttpSessions.cacheOfCaller(this.sessions, this.declaration) : this.cache;
		return switch (this.returnKind) {
			case VALUE -> (this.entities != null)
					? this.entities.recording((DataCache) cache, (CacheKey) key, () -> cache.get(key, this, invocation))
					: cache.get(key, this, invocation);
			case FUTURE -> cache.getAsync(key, this, invocation);
			case MONO, SUSPENDING -> ReactiveReturns.mono(cache, key, this, invocation);
			case FLUX -> ReactiveReturns.flux(cache, key, this, invocation);
		};
	}

	@Override
	public MethodInvocation detach(MethodInvocation invocation) {
		return (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone() : invocation;
	}

	@Override
	public @Nullable Object load(MethodInvocation invocation) throws Throwable {
		boolean showSpinner = this.declaration.showSpinner() && spinnerLog.isInfoEnabled();
		if (showSpinner) {
			spinnerLog.info(this.declaration.spinner());
		}
		long start = System.nanoTime();
		try {
			EntityDependencies entities = this.entities;
			if (entities != null) {
				entities.computing();
				Object result = invocation.proceed();
				entities.computed();
				return result;
			}
			boolean publisher = this.returnKind.isPublisher();
			// A publisher may be subscribed again after its call returned: each computation proceeds on a clone.
			Object result = (publisher ? detach(invocation) : invocation).proceed();
			return (publisher && result != null) ? ReactiveReturns.subscribe(this.returnKind, result) : result;
		}
		finally {
			if (this.declaration.showTime() && spinnerLog.isInfoEnabled()) {
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				spinnerLog.info(this.declaration.methodName() + " computed in " + millis + " ms");
			}
		}
	}

}
