/**
 * Cache keys: structural, type-tagged 128-bit hashes of argument values.
 */
@NullMarked
package io.duocache.key;

import org.jspecify.annotations.NullMarked;
