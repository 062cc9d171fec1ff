/**
 * What both tiers share: single-flight computation over Caffeine, statistics and settings.
 */
@NullMarked
package io.duocache.tier;

import org.jspecify.annotations.NullMarked;
