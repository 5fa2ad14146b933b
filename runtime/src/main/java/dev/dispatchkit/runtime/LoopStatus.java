package dev.dispatchkit.runtime;

import dev.dispatchkit.ValidationException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How one loop of a {@link DispatchKitRunner} fared so far.
 *
 * @param lastSuccessAt when a run last completed; null before the first
 * @param lastFailureAt when a run last failed; null when none did
 * @param lastError the last failure in one line; null when none
 * @param failures how many runs failed since the runner was built
 * @param consecutiveFailures how many runs failed since the last success
 */
public record LoopStatus(
    @Nullable Instant lastSuccessAt,
    @Nullable Instant lastFailureAt,
    @Nullable String lastError,
    long failures,
    long consecutiveFailures) {

  /** A loop that has not run yet. */
  public static final LoopStatus NEVER_RAN = new LoopStatus(null, null, null, 0, 0);

  /** Checks the counts. */
  public LoopStatus {
    if (failures < 0 || consecutiveFailures < 0 || consecutiveFailures > failures) {
      throw new ValidationException("LoopStatus", "0 <= consecutiveFailures <= failures must hold");
    }
  }

  /** True when the last run failed. */
  public boolean failing() {
    return consecutiveFailures > 0;
  }
}
