package dev.dispatchkit.error;

import dev.dispatchkit.workorder.ExpectedDateViolation;
import dev.dispatchkit.workorder.TrackingNumber;
import java.util.List;
import java.util.Objects;

/**
 * An expected-date change broke the rules: {@link #violations()} lists every broken rule, not just
 * the first. Nothing was changed.
 */
public final class ExpectedDateRejectedException extends DispatchKitException {

  private final TrackingNumber trackingNumber;
  private final List<ExpectedDateViolation> violations;

  /**
   * @param trackingNumber the work order
   * @param violations the broken rules; at least one
   */
  public ExpectedDateRejectedException(
      TrackingNumber trackingNumber, List<ExpectedDateViolation> violations) {
    super(
        "work order "
            + Objects.requireNonNull(trackingNumber, "trackingNumber")
            + ": expected-date change refused: "
            + requireNonEmpty(violations));
    this.trackingNumber = trackingNumber;
    this.violations = List.copyOf(violations);
  }

  /** The work order. */
  public TrackingNumber trackingNumber() {
    return trackingNumber;
  }

  /** Every broken rule, in the order of {@link ExpectedDateViolation}. */
  public List<ExpectedDateViolation> violations() {
    return violations;
  }

  private static List<ExpectedDateViolation> requireNonEmpty(
      List<ExpectedDateViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an ExpectedDateRejectedException needs a violation");
    }
    return violations;
  }
}
