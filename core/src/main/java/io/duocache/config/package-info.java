/**
 * Settings of every cache.
 */
@NullMarked
package io.duocache.config;

import org.jspecify.annotations.NullMarked;
