package io.duocache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.duocache.InvalidCacheDeclarationException;

/**
 * Turns an {@link InvalidCacheDeclarationException} into a startup report that names the method,
 * says what is wrong and how to fix it.
 */
final class InvalidCacheDeclarationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCacheDeclarationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCacheDeclarationException cause) {
		return new FailureAnalysis("The cached method '" + cause.getMethodName() + "' is declared in a way Duocache "
				+ "cannot honour: " + cause.getProblem() + ".", cause.getFix(), cause);
	}

}
