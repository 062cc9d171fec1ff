package io.duocache.data;

import org.jspecify.annotations.Nullable;
/** Copies objects whose class must be exactly the declared one; a subclass is left to Smile. */
final class ExactClass implements Copier {

	private final Class<?> type;

	private final Copier copier;

	ExactClass(Class<?> type, Copier copier) {
		this.type = type;
		this.copier = copier;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value != null && value.getClass() != this.type) {
			throw new UnplannedShapeException(this.type, value.getClass());
		}
		return this.copier.copy(value);
	}

	@Override
	public boolean shares() {
		return this.copier.shares();
	}

}
