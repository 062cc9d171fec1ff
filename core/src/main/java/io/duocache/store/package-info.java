/**
 * The boundary between the data tier and the stores that keep its entries beyond memory.
 */
@NullMarked
package io.duocache.store;

import org.jspecify.annotations.NullMarked;
