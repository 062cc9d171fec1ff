package io.duocache.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.duocache.tier.Loader;
import io.duocache.tier.SingleFlightCache;

/**
 * Caches {@code Mono} and {@code Flux} returns; loaded only where Reactor is on the class path. Each
 * subscription looks the key up (so each gets its own copy of data), a hit completes at once without
 * blocking a thread, and concurrent subscriptions of one key share one subscription upstream, which a
 * subscriber that cancels does not cancel for the others.
 */
final class ReactiveReturns {

	private ReactiveReturns() {
	}

	static Mono<?> mono(SingleFlightCache<?> cache, Object key, Loader<MethodInvocation> loader,
			MethodInvocation invocation) {
		return Mono.defer(() -> lookUp(cache, key, loader, invocation));
	}

	static Flux<?> flux(SingleFlightCache<?> cache, Object key, Loader<MethodInvocation> loader,
			MethodInvocation invocation) {
		return Flux.defer(() -> lookUp(cache, key, loader, invocation).flatMapIterable((list) -> (List<?>) list));
	}

	private static Mono<Object> lookUp(SingleFlightCache<?> cache, Object key,
			Loader<MethodInvocation> loader, MethodInvocation invocation) {
		CompletableFuture<Object> value;
		try {
			value = cache.getAsync(key, loader, invocation);
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		return Mono.fromFuture(value, true);
	}

	/** Subscribes to what the method returned, as the future the cache computes with. */
	static CompletableFuture<?> subscribe(ReturnKind kind, Object publisher) {
		return (kind == ReturnKind.FLUX) ? ((Flux<?>) publisher).collectList().toFuture()
				: ((Mono<?>) publisher).toFuture();
	}

}
