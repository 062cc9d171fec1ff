/**
 * The {@code duocache} Actuator endpoint.
 */
@NullMarked
package io.duocache.actuate;

import org.jspecify.annotations.NullMarked;
