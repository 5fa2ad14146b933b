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
 *     overdue, late, rescheduled too often or undelivered
 * @param responseDeadline when the provider's answer is due
 * @param undelivered the service request bounced (a stored mark, see {@code
 *     WorkOrder#undelivered()})
 */
public record WorkOrderFlags(
    boolean responseOverdue,
    boolean late,
    boolean rescheduledTooOften,
    boolean reassignable,
    Instant responseDeadline,
    boolean undelivered) {

  /** Checks the deadline is present. */
  public WorkOrderFlags {
    Objects.requireNonNull(responseDeadline, "responseDeadline");
  }
}
