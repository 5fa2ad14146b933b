/**
 * Pure, host-set policies: response deadlines and reschedule limits, and the flags they derive.
 * They read work-order values (a {@link dev.dispatchkit.workorder.DispatchState}), never the
 * aggregate, and the work-order package knows nothing of them. The clock is always passed in.
 */
@NullMarked
package dev.dispatchkit.rules;

import org.jspecify.annotations.NullMarked;
