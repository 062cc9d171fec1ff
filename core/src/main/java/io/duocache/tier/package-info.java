/**
 * What both tiers share: the chain of steps a look-up goes down (memory, single flight, beyond
 * memory, compute) over Caffeine, the collaborators around it, statistics and registries.
 */
@NullMarked
package io.duocache.tier;

import org.jspecify.annotations.NullMarked;
