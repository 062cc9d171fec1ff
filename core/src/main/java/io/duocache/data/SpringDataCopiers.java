package io.duocache.data;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;

/**
 * Copy plans for Spring Data's pages and slices: a new {@link PageImpl} or {@link SliceImpl} around a
 * copy of the content, sharing the pageable (immutable), exactly as {@link SpringDataModule} reads them
 * back. Only loaded where Spring Data is on the class path.
 */
final class SpringDataCopiers {

	private SpringDataCopiers() {
	}

	static boolean isChunk(Class<?> type) {
		return type == Page.class || type == PageImpl.class || type == Slice.class || type == SliceImpl.class;
	}

	static Copier chunk(Class<?> type, Copier content) {
		boolean page = Page.class.isAssignableFrom(type);
		return new Copier() {

			@Override
			@SuppressWarnings("unchecked")
			public @Nullable Object copy(@Nullable Object value) {
				if (value == null) {
					return null;
				}
				Class<?> expected = page ? PageImpl.class : SliceImpl.class;
				Slice<?> slice = (Slice<?>) value;
				if (value.getClass() != expected || !isReadBackAsIs(slice.getPageable())) {
					throw new UnplannedShapeException(expected, value.getClass());
				}
				List<Object> copied = (List<Object>) content.copy(slice.getContent());
				return page ? new PageImpl<>(copied, slice.getPageable(), ((Page<?>) slice).getTotalElements())
						: new SliceImpl<>(copied, slice.getPageable(), slice.hasNext());
			}

			@Override
			public boolean shares() {
				return false;
			}

		};
	}

	/** Whether a pageable is read back as the same object: a page request, or unpaged. */
	private static boolean isReadBackAsIs(Pageable pageable) {
		return pageable.getClass() == PageRequest.class || pageable.isUnpaged();
	}

}
