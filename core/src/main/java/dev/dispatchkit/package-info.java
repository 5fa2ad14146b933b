/**
 * The DispatchKit entry point and the root of its exception tree.
 *
 * <p>Every exception DispatchKit throws is a {@link dev.dispatchkit.DispatchKitException}. The tree
 * is sealed and all of it lives in this package: a sealed hierarchy may only span packages inside a
 * named module, and most hosts put DispatchKit on the class path.
 */
@NullMarked
package dev.dispatchkit;

import org.jspecify.annotations.NullMarked;
