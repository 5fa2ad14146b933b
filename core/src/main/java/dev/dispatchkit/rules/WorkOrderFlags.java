package dev.dispatchkit.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * The flags derived from a work order's state and the clock by {@link DispatchPolicies#flags}. They
 * are never stored and never statuses.
 *
 * @param responseOverdue still plainly OPEN past the response deadline
 * @param late the expected date has passed and nobody is on site, nor is the work done or cancelled
 * @param rescheduledTooOften the expected date moved more times than the policy allows
 * @param reassignable the status allows a reassignment and the work order is declined, response
 *     overdue, late or rescheduled too often
 * @param responseDeadline when the provider's answer is due
 */
public record WorkOrderFlags(
    boolean responseOverdue,
    boolean late,
    boolean rescheduledTooOften,
    boolean reassignable,
    Instant responseDeadline) {

  /** Checks the deadline is present. */
  public WorkOrderFlags {
    Objects.requireNonNull(responseDeadline, "responseDeadline");
  }
}
