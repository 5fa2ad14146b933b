/**
 * Runs DispatchKit in a plain Java host: {@link dev.dispatchkit.runtime.DispatchKitRunner} owns the
 * poll, relay and sweep loops, and {@link dev.dispatchkit.runtime.DispatchKitMetrics} binds
 * Micrometer meters.
 */
@NullMarked
package dev.dispatchkit.runtime;

import org.jspecify.annotations.NullMarked;
