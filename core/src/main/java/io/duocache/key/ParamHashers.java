package io.duocache.key;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.duocache.ParamHasher;

/**
 * The {@link ParamHasher}s that apply to one method: those named on its annotation first, then the
 * application's beans; among either, the hasher of the nearest supertype wins.
 */
public final class ParamHashers {

	private static final ParamHashers NONE = new ParamHashers(List.of(), null);

	private final List<Registration> registrations;

	private final @Nullable ParamHashers fallback;

	private final Map<Class<?>, Optional<Registration>> resolved = new ConcurrentHashMap<>();

	private ParamHashers(List<Registration> registrations, @Nullable ParamHashers fallback) {
		this.registrations = List.copyOf(registrations);
		this.fallback = fallback;
	}

	/**
	 * Returns an instance with no hashers.
	 * @return the empty instance
	 */
	public static ParamHashers none() {
		return NONE;
	}

	/**
	 * Returns an instance that consults the given hashers and, where none applies, this one.
	 * @param registrations the hashers that win over this instance's
	 * @return the combined instance, or this one when there are none
	 */
	public ParamHashers overriddenBy(List<Registration> registrations) {
		return registrations.isEmpty() ? this : new ParamHashers(registrations, this);
	}

	/**
	 * Returns an instance with the given hashers.
	 * @param registrations the hashers
	 * @return the instance
	 */
	public static ParamHashers of(List<Registration> registrations) {
		return registrations.isEmpty() ? NONE : new ParamHashers(registrations, null);
	}

	boolean isEmpty() {
		return this.registrations.isEmpty() && (this.fallback == null || this.fallback.isEmpty());
	}

	@Nullable Registration find(Class<?> type) {
		if (isEmpty()) {
			return null;
		}
		return this.resolved.computeIfAbsent(type, this::resolve).orElse(null);
	}

	private Optional<Registration> resolve(Class<?> type) {
		Registration nearest = null;
		int nearestDistance = Integer.MAX_VALUE;
		for (Registration registration : this.registrations) {
			int distance = distance(type, registration.type());
			if (distance < nearestDistance) {
				nearest = registration;
				nearestDistance = distance;
			}
		}
		if (nearest == null && this.fallback != null) {
			return Optional.ofNullable(this.fallback.find(type));
		}
		return Optional.ofNullable(nearest);
	}

	/** Steps from {@code type} up to {@code target} through superclasses and interfaces, or MAX_VALUE. */
	private static int distance(Class<?> type, Class<?> target) {
		if (!target.isAssignableFrom(type)) {
			return Integer.MAX_VALUE;
		}
		Queue<Class<?>> level = new ArrayDeque<>(List.of(type));
		Set<Class<?>> seen = new HashSet<>();
		for (int depth = 0; !level.isEmpty(); depth++) {
			List<Class<?>> next = new ArrayList<>();
			for (Class<?> candidate : level) {
				if (candidate == target) {
					return depth;
				}
				if (seen.add(candidate)) {
					if (candidate.getSuperclass() != null) {
						next.add(candidate.getSuperclass());
					}
					next.addAll(List.of(candidate.getInterfaces()));
				}
			}
			level = new ArrayDeque<>(next);
		}
		return Integer.MAX_VALUE - 1;
	}

	/**
	 * A hasher and the type it applies to.
	 *
	 * @param type the argument type (and its subtypes) the hasher applies to
	 * @param hasher the hasher
	 */
	public record Registration(Class<?> type, ParamHasher<Object> hasher) {

		/**
		 * Creates a registration, checking that the hasher is of the given type.
		 * @param type the argument type
		 * @param hasher the hasher
		 * @return the registration
		 */
		@SuppressWarnings("unchecked")
		public static Registration of(Class<?> type, ParamHasher<?> hasher) {
			return new Registration(type, (ParamHasher<Object>) hasher);
		}

	}

}
