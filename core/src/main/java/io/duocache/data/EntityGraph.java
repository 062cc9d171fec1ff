package io.duocache.data;

import java.util.IdentityHashMap;

import org.jspecify.annotations.Nullable;
/**
 * Copies a value that holds entities, keeping for the whole copy which entity was copied to which,
 * so an entity the value refers to from several places is copied once.
 */
final class EntityGraph implements Copier {

	static final ThreadLocal<@Nullable IdentityHashMap<Object, Object>> COPIES = new ThreadLocal<>();

	private final Copier root;

	/** How many entities the last copy held, so the next one's map is sized for them at once. */
	private volatile int lastEntities = 16;

	EntityGraph(Copier root) {
		this.root = root;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		IdentityHashMap<Object, Object> outer = COPIES.get();
		IdentityHashMap<Object, Object> copies = new IdentityHashMap<>(this.lastEntities);
		COPIES.set(copies);
		try {
			return this.root.copy(value);
		}
		finally {
			COPIES.set(outer);
			this.lastEntities = Math.max(16, copies.size());
		}
	}

	@Override
	public boolean shares() {
		return false;
	}

}
