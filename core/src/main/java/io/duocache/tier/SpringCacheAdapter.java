package io.duocache.tier;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Exposes a Duocache cache through Spring's {@link Cache} API, so {@code @Cacheable} methods that
 * name a Duocache manager get its semantics (copy-on-read for data caches). {@code null} is a
 * cached value like any other, and any {@link NullValue} stands for it.
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
		Present present = this.cache.lookup(key);
		if (present == null) {
			this.cache.meters().counters.miss();
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
			return (T) this.cache.get(key, SpringCacheAdapter::load, valueLoader);
		}
		catch (LoaderFailure ex) {
			throw new ValueRetrievalException(key, valueLoader, ex.getCause());
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a loader, marking what it throws as its own so it is told apart from Duocache's errors. */
	private static @Nullable Object load(Callable<?> valueLoader) {
		try {
			return fromStoreValue(valueLoader.call());
		}
		catch (Throwable ex) {
			throw new LoaderFailure(ex);
		}
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		Present present = this.cache.lookup(key);
		if (present == null) {
			this.cache.meters().counters.miss();
			return null;
		}
		Object value = present.value();
		return CompletableFuture.completedFuture((value != null) ? value : new SimpleValueWrapper(null));
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
		put(this.cache, key, fromStoreValue(value));
	}

	/** Stores a value under a key as if it had been computed, replacing what was there. */
	private static <E> void put(SingleFlightCache<E> cache, Object key, @Nullable Object value) {
		cache.memory().put(key, cache.entries().toEntry(key, value));
		cache.meters().counters.put();
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		return putIfAbsent(this.cache, key, fromStoreValue(value));
	}

	/**
	 * Stores a value under a key unless an entry is there, atomically: of callers racing on one key,
	 * exactly one stores its value; the others get what a hit on the entry already there returns.
	 */
	private static <E> @Nullable ValueWrapper putIfAbsent(SingleFlightCache<E> cache, Object key,
			@Nullable Object value) {
		Object[] stored = new Object[1];
		E current = cache.memory().putIfAbsent(key, (absent) -> {
			E entry = cache.entries().toEntry(absent, value);
			stored[0] = entry;
			return entry;
		});
		if (current == stored[0]) {
			cache.meters().counters.put();
			return null;
		}
		cache.meters().counters.hit();
		return new SimpleValueWrapper(cache.entries().fromEntry(current, cache.meters().observer));
	}

	@Override
	public void evict(Object key) {
		this.cache.invalidate(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return this.cache.invalidateIfPresent(key);
	}

	@Override
	public void clear() {
		this.cache.invalidateAll();
	}

	@Override
	public boolean invalidate() {
		return this.cache.invalidateAllIfAny();
	}

	/**
	 * Returns {@code null} for any {@link NullValue}, not only its shared instance: one that was
	 * deserialized or made reflectively stands for {@code null} just the same.
	 */
	private static @Nullable Object fromStoreValue(@Nullable Object value) {
		return (value instanceof NullValue) ? null : value;
	}

	/** What a loader threw, carried through the cache so it can be wrapped as Spring asks. */
	private static final class LoaderFailure extends RuntimeException {

		LoaderFailure(Throwable cause) {
			super(null, cause, false, false);
		}

	}

}
