package io.duocache.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import io.duocache.DuocacheException;

/**
 * Finds {@code duocache.caches} entries whose cache name has a dot but no brackets, such as
 * {@code duocache.caches.Library.books.ttl}: Spring Boot would bind them to a cache named
 * {@code Library} and drop the rest without a word.
 */
final class UnbracketedCacheNames {

	private static final ConfigurationPropertyName CACHES = ConfigurationPropertyName.of("duocache.caches");

	/** {@code duocache}, {@code caches}, the name, the property. */
	private static final int ELEMENTS_OF_A_CACHE_PROPERTY = 4;

	private UnbracketedCacheNames() {
	}

	/**
	 * Fails when a property names a cache with a dot but without brackets.
	 * @param environment the application's environment
	 * @throws DuocacheException naming each such property and how to write it
	 */
	static void check(Environment environment) {
		Set<String> fixes = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(CACHES::isAncestorOf).forEach((name) -> {
					if (name.getNumberOfElements() > ELEMENTS_OF_A_CACHE_PROPERTY) {
						fixes.add(fix(name));
					}
				});
			}
		}
		if (!fixes.isEmpty()) {
			throw new DuocacheException("A cache name with a dot must be written in brackets, else Spring Boot binds "
					+ "it to nothing. To fix this, write " + String.join("; ", fixes)
					+ " (in YAML, quote the bracketed key, as in \"[RideLoader.loadRides]\":).");
		}
	}

	private static String fix(ConfigurationPropertyName name) {
		int last = name.getNumberOfElements() - 1;
		List<String> cacheName = new ArrayList<>();
		for (int i = 2; i < last; i++) {
			cacheName.add(name.getElement(i, Form.ORIGINAL));
		}
		String property = name.getElement(last, Form.ORIGINAL);
		return "duocache.caches." + String.join(".", cacheName) + "." + property + " as duocache.caches.["
				+ String.join(".", cacheName) + "]." + property;
	}

}
