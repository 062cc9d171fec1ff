/**
 * Settings of every cache and the plain Spring configuration that wires Duocache.
 */
@NullMarked
package io.duocache.config;

import org.jspecify.annotations.NullMarked;
