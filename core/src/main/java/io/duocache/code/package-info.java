/**
 * Code hashes: a method's bytecode and the same-class code it calls, without debug attributes.
 */
@NullMarked
package io.duocache.code;

import org.jspecify.annotations.NullMarked;
