package io.duocache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.duocache.DuocacheException;
import io.duocache.InvalidCacheDeclarationException;

/**
 * Reports any other Duocache failure at startup with its own message, which already says how to fix
 * it.
 */
final class DuocacheFailureAnalyzer extends AbstractFailureAnalyzer<DuocacheException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuocacheException cause) {
		if (cause instanceof InvalidCacheDeclarationException) {
			return null;
		}
		return new FailureAnalysis("Duocache could not start: " + cause.getMessage(),
				"Follow the advice in the description above.", cause);
	}

}
