/**
 * The resource tier: shared instances, validated on hit and released when they leave.
 */
@NullMarked
package io.duocache.resource;

import org.jspecify.annotations.NullMarked;
