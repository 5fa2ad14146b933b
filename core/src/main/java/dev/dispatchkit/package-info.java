/**
 * The DispatchKit entry point: {@link dev.dispatchkit.DispatchKit} and its builder.
 *
 * <p>Nothing else lives here, so that every other package can be read without the facade: the
 * exceptions are in {@link dev.dispatchkit.error}, the domain in {@link dev.dispatchkit.workorder},
 * replies in {@link dev.dispatchkit.reply}.
 */
@NullMarked
package dev.dispatchkit;

import org.jspecify.annotations.NullMarked;
