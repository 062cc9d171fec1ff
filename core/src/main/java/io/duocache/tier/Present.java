package io.duocache.tier;

import org.jspecify.annotations.Nullable;

/**
 * A value found in memory without computing, which may be {@code null}.
 *
 * @param value the value
 */
public record Present(@Nullable Object value) {
}
