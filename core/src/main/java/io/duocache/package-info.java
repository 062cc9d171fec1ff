/**
 * Duocache's public API: the {@link io.duocache.CacheData} and {@link io.duocache.CacheResource}
 * annotations, their extension points, the cache managers and the exceptions.
 */
@NullMarked
package io.duocache;

import org.jspecify.annotations.NullMarked;
