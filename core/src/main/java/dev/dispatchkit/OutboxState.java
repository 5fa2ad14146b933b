package dev.dispatchkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outbox at one moment, for health checks and metrics.
 *
 * @param pending mails waiting to be sent (due now or later, claimed or not)
 * @param oldestPendingDueAt the earliest due time of pending mail; null when none is pending
 * @param blocked mails that wait for a person to release them
 */
public record OutboxState(long pending, @Nullable Instant oldestPendingDueAt, long blocked) {

  /** Checks the counts are not negative and a due time goes with pending mail. */
  public OutboxState {
    if (pending < 0 || blocked < 0) {
      throw new ValidationException("OutboxState", "counts must not be negative");
    }
    if ((pending == 0) != (oldestPendingDueAt == null)) {
      throw new ValidationException(
          "OutboxState", "oldestPendingDueAt is present exactly when mail is pending");
    }
  }

  /**
   * How long the oldest pending mail has been due at {@code now}.
   *
   * @return {@link Duration#ZERO} when nothing is pending or the oldest is not due yet
   */
  public Duration oldestPendingAge(Instant now) {
    Objects.requireNonNull(now, "now");
    if (oldestPendingDueAt == null || !oldestPendingDueAt.isBefore(now)) {
      return Duration.ZERO;
    }
    return Duration.between(oldestPendingDueAt, now);
  }
}
