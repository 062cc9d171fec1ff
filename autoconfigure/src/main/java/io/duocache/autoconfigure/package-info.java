/**
 * Spring Boot auto-configuration for Duocache.
 */
@NullMarked
package io.duocache.autoconfigure;

import org.jspecify.annotations.NullMarked;
