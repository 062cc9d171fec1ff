package io.duocache.data;

import java.util.IdentityHashMap;

import org.jspecify.annotations.Nullable;
/** Copies an entity once within the value being copied, and refers to that copy everywhere else. */
final class EntityCopier implements Copier {

	private final ObjectCopier fields;

	EntityCopier(ObjectCopier fields) {
		this.fields = fields;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		IdentityHashMap<Object, Object> copies = EntityGraph.COPIES.get();
		Object copied = copies.get(value);
		if (copied != null) {
			return copied;
		}
		Object copy = this.fields.newInstance(value);
		copies.put(value, copy);
		EntityLoads.held(value);
		return this.fields.fill(value, copy);
	}

	@Override
	public boolean shares() {
		return false;
	}

}
