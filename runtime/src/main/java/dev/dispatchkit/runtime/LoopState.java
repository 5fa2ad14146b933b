package dev.dispatchkit.runtime;

import java.time.Clock;
import org.jspecify.annotations.Nullable;

/** The mutable, thread-safe side of a {@link LoopStatus}. */
final class LoopState {
  private final Clock clock;
  private LoopStatus status = LoopStatus.NEVER_RAN;

  LoopState(Clock clock) {
    this.clock = clock;
  }

  synchronized void succeeded() {
    status =
        new LoopStatus(
            clock.instant(), status.lastFailureAt(), status.lastError(), status.failures(), 0);
  }

  /** Records a failure and returns the number of failures in a row. */
  synchronized long failed(Throwable failure) {
    status =
        new LoopStatus(
            status.lastSuccessAt(),
            clock.instant(),
            oneLine(failure),
            status.failures() + 1,
            status.consecutiveFailures() + 1);
    return status.consecutiveFailures();
  }

  synchronized LoopStatus get() {
    return status;
  }

  static String oneLine(@Nullable Throwable failure) {
    if (failure == null) {
      return "failed";
    }
    String text = failure.toString().strip();
    int eol = text.indexOf('\n');
    return eol < 0 ? text : text.substring(0, eol).strip();
  }
}
