package io.duocache.tier;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Exposes a Duocache cache through Spring's {@link Cache} API, so {@code @Cacheable} methods that
 * name a Duocache manager get its semantics (copy-on-read for data caches).
 */
final class SpringCacheAdapter implements Cache {

	private final SingleFlightCache<?> cache;

	SpringCacheAdapter(SingleFlightCache<?> cache) {
		this.cache = cache;
	}

	@Override
	public String getName() {
		return this.cache.name();
	}

	@Override
	public Object getNativeCache() {
		return this.cache;
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		SingleFlightCache.Present present = this.cache.lookup(key);
		if (present == null) {
			this.cache.recordMiss();
			return null;
		}
		return new SimpleValueWrapper(present.value());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		ValueWrapper wrapper = get(key);
		Object value = (wrapper != null) ? wrapper.get() : null;
		if (value != null && type != null && !type.isInstance(value)) {
			throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
		}
		return (T) value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		try {
			return (T) this.cache.get(key, valueLoader::call);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		SingleFlightCache.Present present = this.cache.lookup(key);
		if (present == null) {
			this.cache.recordMiss();
			return null;
		}
		return CompletableFuture.completedFuture(present.value());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		try {
			return (CompletableFuture<T>) (CompletableFuture<?>) this.cache.getAsync(key, valueLoader::get);
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.cache.put(key, value);
	}

	@Override
	public void evict(Object key) {
		this.cache.invalidate(key);
	}

	@Override
	public void clear() {
		this.cache.invalidateAll();
	}

}
