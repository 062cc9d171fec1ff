/**
 * Micrometer meters for every Duocache cache.
 */
@NullMarked
package io.duocache.metrics;

import org.jspecify.annotations.NullMarked;
