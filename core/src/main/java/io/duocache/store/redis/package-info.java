/**
 * The Redis store: signed entries shared by every instance of an application, invalidated for all
 * of them at once, and never in the way of a call when Redis is down or slow.
 */
@NullMarked
package io.duocache.store.redis;

import org.jspecify.annotations.NullMarked;
