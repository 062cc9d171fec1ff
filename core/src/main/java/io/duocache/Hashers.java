package io.duocache;

import io.duocache.key.IdentityHasher;

/**
 * Ready-made {@link ParamHasher}s.
 */
public final class Hashers {

	private Hashers() {
	}

	/**
	 * Returns a hasher that keys an argument on its identity: equal but distinct objects get
	 * distinct entries, and entries are valid only inside this JVM (never persisted usefully).
	 * Register it for a type as a bean, {@code ParamHasher<MyType> hasher() { return Hashers.identity(); }},
	 * or name {@link IdentityHasher} in an annotation's {@code hashers}.
	 * @param <T> the argument type
	 * @return the identity hasher
	 */
	@SuppressWarnings("unchecked")
	public static <T> ParamHasher<T> identity() {
		return (ParamHasher<T>) IdentityHasher.INSTANCE;
	}

}
