package io.duocache.tier;

import org.jspecify.annotations.Nullable;

/**
 * An entry read back from beyond memory, with the value that reading it produced: a value no one
 * else holds, so the caller that read it gets it without a further copy.
 *
 * @param <E> what an entry holds
 * @param entry the entry to keep in memory
 * @param value the value for the caller that read it
 */
public record Loaded<E>(E entry, @Nullable Object value) {
}
