package io.duocache.aop;

import java.util.concurrent.TimeUnit;

import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.duocache.key.KeyHasher;
import io.duocache.tier.SingleFlightCache;

/**
 * One cached method of one bean, resolved once: its cache, its key hasher and how it logs.
 */
final class CachedMethod implements SingleFlightCache.Loader<MethodInvocation> {

	private static final Log spinnerLog = LogFactory.getLog("io.duocache.Spinner");

	private final SingleFlightCache<?> cache;

	private final KeyHasher keyHasher;

	private final boolean async;

	private final CacheDeclaration declaration;

	CachedMethod(SingleFlightCache<?> cache, KeyHasher keyHasher, boolean async, CacheDeclaration declaration) {
		this.cache = cache;
		this.keyHasher = keyHasher;
		this.async = async;
		this.declaration = declaration;
	}

	@Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object key = this.keyHasher.keyFor(invocation.getArguments());
		return this.async ? this.cache.getAsync(key, this, invocation) : this.cache.get(key, this, invocation);
	}

	@Override
	public @Nullable Object load(MethodInvocation invocation) throws Throwable {
		boolean showSpinner = this.declaration.showSpinner() && spinnerLog.isInfoEnabled();
		if (showSpinner) {
			spinnerLog.info(this.declaration.spinner());
		}
		long start = System.nanoTime();
		try {
			return invocation.proceed();
		}
		finally {
			if (this.declaration.showTime() && spinnerLog.isInfoEnabled()) {
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				spinnerLog.info(this.declaration.methodName() + " computed in " + millis + " ms");
			}
		}
	}

}
