/**
 * The disk store: entries as files, written atomically, bounded in size, swept when they expire.
 */
@NullMarked
package io.duocache.store.disk;

import org.jspecify.annotations.NullMarked;
