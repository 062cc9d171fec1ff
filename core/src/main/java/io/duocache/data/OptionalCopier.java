package io.duocache.data;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
/** Copies an {@code Optional} by copying what it holds. */
final class OptionalCopier implements Copier {

	private final Copier content;

	OptionalCopier(Copier content) {
		this.content = content;
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		return (value == null) ? null : ((Optional<?>) value).map(this.content::copy);
	}

	@Override
	public boolean shares() {
		return false;
	}

}
