/**
 * The interceptor, the bean post-processor that applies it, and startup validation of cached methods.
 */
@NullMarked
package io.duocache.aop;

import org.jspecify.annotations.NullMarked;
