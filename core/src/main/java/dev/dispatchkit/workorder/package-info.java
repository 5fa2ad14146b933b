/**
 * The work-order aggregate, its value records, statuses, the transition table and timeline events.
 */
@NullMarked
package dev.dispatchkit.workorder;

import org.jspecify.annotations.NullMarked;
