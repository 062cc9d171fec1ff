package io.duocache;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link CacheData} method returns a value that cannot be copied without loss.
 */
public class UnserializableReturnValueException extends DuocacheException {

	/**
	 * Creates the exception.
	 * @param typeName the type of the returned value
	 * @param methodName the method as {@code SimpleClassName.methodName}
	 * @param reason why the value cannot be copied
	 * @param cause the underlying failure, if any
	 */
	public UnserializableReturnValueException(String typeName, String methodName, String reason,
			@Nullable Throwable cause) {
		super("Cannot cache the value of type " + typeName + " returned by '" + methodName + "' as data: " + reason
				+ ".\nTo fix this, make the type readable by Jackson from its fields (a no-argument or "
				+ "@JsonCreator constructor, concrete field types), declare a concrete return type, or cache it as "
				+ "a shared instance with @CacheResource.", cause);
	}

	/**
	 * Creates the exception for a value stored through Spring's cache API, where there is no method
	 * whose declaration could change.
	 * @param typeName the type of the value
	 * @param cacheName the cache it was stored in
	 * @param reason why the value cannot be copied
	 * @param cause the underlying failure, if any
	 * @return the exception
	 */
	public static UnserializableReturnValueException forSpringCache(String typeName, String cacheName, String reason,
			@Nullable Throwable cause) {
		return new UnserializableReturnValueException("Cannot cache the value of type " + typeName + " in cache '"
				+ cacheName + "' of cacheDataManager (used through Spring's @Cacheable) as data: " + reason
				+ ".\nTo fix this, give a @Cacheable or @CachePut method that names this cache with cacheManager = "
				+ "\"cacheDataManager\" a concrete return type (values are read back as that type), make the "
				+ "type readable by Jackson from its fields, or keep this cache in another cache manager.", cause);
	}

	/**
	 * Creates the exception for a JPA entity that holds a lazy association that was never loaded, so
	 * a copy would lack it.
	 * @param typeName the type of the returned value
	 * @param methodName the method as {@code SimpleClassName.methodName}, or the cache it was stored in
	 * @param path where the association is in the value, as {@code value[0].maker}
	 * @param entityName the entity that holds the association
	 * @param cause the underlying failure
	 * @return the exception
	 */
	public static UnserializableReturnValueException lazyAssociation(String typeName, String methodName, String path,
			String entityName, @Nullable Throwable cause) {
		String association = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
		return new UnserializableReturnValueException("Cannot cache the value of type " + typeName + " returned by '"
				+ methodName + "' as data: " + path + " is a lazy association of the entity " + entityName
				+ " that was never loaded, so the copy would lack it (Duocache never loads it behind the query's back "
				+ "and never caches it as null).\nTo fix this, fetch it with the query (a join fetch, or "
				+ "@EntityGraph(attributePaths = \"" + association + "\") on a repository method), return a DTO or "
				+ "projection that holds what callers need, or cache the entities as shared instances with "
				+ "@CacheResource.", cause);
	}

	private UnserializableReturnValueException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
