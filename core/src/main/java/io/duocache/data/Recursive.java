package io.duocache.data;

import org.jspecify.annotations.Nullable;
/** Stands for a plan that contains itself until that plan is built. */
final class Recursive implements Copier {

	@Nullable Copier target;

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		return this.target.copy(value);
	}

	@Override
	public boolean shares() {
		return false;
	}

}
