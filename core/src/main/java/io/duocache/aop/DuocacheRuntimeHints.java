package io.duocache.aop;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.Exclude;
import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;

/**
 * The runtime hints every application with Duocache needs, whatever its beans: the annotations read
 * from cached methods, the validator and releaser the annotations default to, and the root object of
 * write annotations' expressions. What depends on
 * the application's beans comes from {@link CachedMethodsAotProcessor}.
 */
final class DuocacheRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> annotation : new Class<?>[] { CacheData.class, CacheResource.class, Exclude.class }) {
			hints.reflection().registerType(annotation, MemberCategory.INVOKE_DECLARED_METHODS);
		}
		for (Class<?> defaulted : new Class<?>[] { ResourceValidator.None.class, ResourceReleaser.Close.class }) {
			hints.reflection().registerType(defaulted, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		// The root object of the expressions of Spring's write annotations on Duocache's caches.
		hints.reflection().registerType(WriteRoot.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
