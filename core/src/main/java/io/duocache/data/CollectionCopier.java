package io.duocache.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
/** Copies a list or a set into the collection class Jackson builds for its declared type, copying each element. */
final class CollectionCopier implements Copier {

	private final Copier element;

	private final IntFunction<Collection<Object>> factory;

	/** Whether copies are array lists whose elements are shared: one array copy. */
	private final boolean sharedArrayList;

	CollectionCopier(Copier element, IntFunction<Collection<Object>> factory, boolean arrayList) {
		this.element = element;
		this.factory = factory;
		this.sharedArrayList = arrayList && element.shares();
	}

	@Override
	public @Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		Collection<?> source = (Collection<?>) value;
		if (this.sharedArrayList) {
			return new ArrayList<Object>(source);
		}
		Collection<Object> copy = this.factory.apply(source.size());
		if (source instanceof ArrayList<?> list) {
			for (int i = 0, size = list.size(); i < size; i++) {
				copy.add(this.element.copy(list.get(i)));
			}
			return copy;
		}
		for (Object element : source) {
			copy.add(this.element.copy(element));
		}
		return copy;
	}

	@Override
	public boolean shares() {
		return false;
	}

}
