/**
 * The data tier: values stored as Jackson Smile bytes and copied on every hit.
 */
@NullMarked
package io.duocache.data;

import org.jspecify.annotations.NullMarked;
