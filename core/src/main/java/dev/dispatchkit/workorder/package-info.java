/**
 * The work-order aggregate, its value records (money and the NTE among them), statuses, the
 * transition table, the expected-date rule it enforces, and timeline events. It depends on no other
 * package of the library but the exceptions'.
 */
@NullMarked
package dev.dispatchkit.workorder;

import org.jspecify.annotations.NullMarked;
