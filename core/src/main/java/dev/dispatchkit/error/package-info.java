/**
 * The exceptions DispatchKit throws.
 *
 * <p>Every one is a {@link dev.dispatchkit.error.DispatchKitException}: unchecked, and sealed so
 * that a host can rely on the subclasses listed there, each with typed context about what went
 * wrong. The whole tree lives in this one package: a sealed hierarchy may only span packages inside
 * a named module, and most hosts put DispatchKit on the class path.
 *
 * <p>This package and {@code workorder} know each other on purpose, the one exemption from the rule
 * that core's packages form no cycle: an error names the work-order values it is about (tracking
 * number, status, command), and the work order throws those errors.
 */
@NullMarked
package dev.dispatchkit.error;

import org.jspecify.annotations.NullMarked;
