package io.duocache.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;
import io.duocache.config.DuocacheSettings;

/**
 * Warns at startup about {@code duocache.caches.*} entries that name no cache, which is almost
 * always a typo.
 */
final class UnknownCacheNamesReporter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnknownCacheNamesReporter.class);

	private final DuocacheSettings settings;

	private final CacheDataManager dataManager;

	private final CacheResourceManager resourceManager;

	UnknownCacheNamesReporter(DuocacheSettings settings, CacheDataManager dataManager,
			CacheResourceManager resourceManager) {
		this.settings = settings;
		this.dataManager = dataManager;
		this.resourceManager = resourceManager;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> known = new TreeSet<>(this.dataManager.getCacheNames());
		known.addAll(this.resourceManager.getCacheNames());
		for (String configured : new TreeSet<>(this.settings.configuredCacheNames())) {
			if (!known.contains(configured)) {
				logger.warn("duocache.caches." + configured + " names no cache; known caches are " + known
						+ ". Check the name (default names are written \"[SimpleClassName.methodName]\").");
			}
		}
	}

}
