package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.List;

import io.duocache.ParamHasher;
import io.duocache.Persist;
import io.duocache.Refresh;
import io.duocache.Scope;
import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.config.Tier;

/**
 * A cached method as its annotation declares it, already checked.
 *
 * @param method the method
 * @param methodName the method as {@code SimpleClassName.methodName}
 * @param tier the tier
 * @param cacheName the cache name
 * @param settings the bounds the annotation gives
 * @param spinner the text logged when a miss starts
 * @param showSpinner whether to log the spinner text
 * @param showTime whether to log the computation time
 * @param persist the second tier ({@link Persist#NONE} for resources)
 * @param refresh what a hit on an entry older than the ttl does
 * @param scope which callers share the cache
 * @param hashers hasher classes named on the annotation
 * @param validator the validator class (resources)
 * @param releaser the releaser class (resources)
 */
@SuppressWarnings("rawtypes")
public record CacheDeclaration(Method method, String methodName, Tier tier, String cacheName, CacheSettings settings,
		String spinner, boolean showSpinner, boolean showTime, Persist persist, Refresh refresh,
		Scope scope, List<Class<? extends ParamHasher<?>>> hashers, Class<? extends ResourceValidator> validator,
		Class<? extends ResourceReleaser> releaser) {
}
