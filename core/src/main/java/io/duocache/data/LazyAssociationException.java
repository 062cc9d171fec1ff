package io.duocache.data;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamContext;

/**
 * Thrown while a value is written when it reaches a lazy JPA association that was never loaded, so
 * its copy would silently lack it; carries where in the value it is ({@code value[0].maker}).
 */
final class LazyAssociationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String path;

	private final String entity;

	/**
	 * @param path where the association is in the value
	 * @param entity the entity that holds it, or the entity the association points to where no entity holds it
	 */
	private LazyAssociationException(String path, String entity) {
		super(path + " is a lazy association of " + entity + " that was never loaded");
		this.path = path;
		this.entity = entity;
	}

	/**
	 * Creates the exception for the value about to be written in a context.
	 * @param context the writer's context, just before the association's value
	 * @param target the entity the association points to, for when no entity holds it
	 * @return the exception
	 */
	static LazyAssociationException at(TokenStreamContext context, String target) {
		Object holder = context.inObject() ? context.currentValue() : null;
		String entity = (holder != null) ? holder.getClass().getName() : target;
		return new LazyAssociationException(path(context), entity);
	}

	/**
	 * Creates the exception for a value that is itself an uninitialized proxy.
	 * @param entity the entity it stands for
	 * @return the exception
	 */
	static LazyAssociationException whole(String entity) {
		return new LazyAssociationException("value", entity);
	}

	String path() {
		return this.path;
	}

	String entity() {
		return this.entity;
	}

	/** Returns the path from the top of the value to the value about to be written, as {@code value[0].maker}. */
	private static String path(@Nullable TokenStreamContext innermost) {
		Deque<String> segments = new ArrayDeque<>();
		for (TokenStreamContext context = innermost; context != null && !context.inRoot(); context = context.getParent()) {
			if (context.inArray()) {
				int index = (context == innermost) ? context.getEntryCount() : context.getCurrentIndex();
				segments.push("[" + index + "]");
			}
			else if (context.inObject()) {
				segments.push("." + context.currentName());
			}
		}
		return "value" + String.join("", segments);
	}

}
