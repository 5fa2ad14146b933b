package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * The values of a work order that its derived flags are computed from: what {@code
 * DispatchPolicies} reads, so that the policies need no whole {@link WorkOrder}.
 *
 * @param status the current status
 * @param priority how fast the provider must answer
 * @param dispatchedAt when the work order was dispatched to its current provider
 * @param expectedDate when the provider is expected
 * @param rescheduleCount how many times the expected date moved since the last (re)assignment
 * @param undelivered the current service request bounced
 */
public record DispatchState(
    Status status,
    Priority priority,
    Instant dispatchedAt,
    ExpectedDate expectedDate,
    int rescheduleCount,
    boolean undelivered) {

  /**
   * @throws ValidationException if the reschedule count is negative
   */
  public DispatchState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(dispatchedAt, "dispatchedAt");
    Objects.requireNonNull(expectedDate, "expectedDate");
    if (rescheduleCount < 0) {
      throw new ValidationException(
          "DispatchState", "rescheduleCount must be 0 or more, was " + rescheduleCount);
    }
  }

  /** The state of {@code order} as it is. */
  public static DispatchState of(WorkOrder order) {
    return new DispatchState(
        order.status(),
        order.priority(),
        order.dispatchedAt(),
        order.expectedDate(),
        order.rescheduleCount(),
        order.undelivered());
  }
}
