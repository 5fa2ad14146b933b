package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.Objects;

/**
 * The answer of {@link Nte#check(Money)}.
 *
 * @param nte the NTE checked against
 * @param total the cost or invoice total checked
 * @param excess how much the total goes over the NTE: {@code total - nte}, or zero when it fits
 */
public record NteCheck(Nte nte, Money total, Money excess) {

  /** Checks that the excess is what the NTE and the total make it. */
  public NteCheck {
    Objects.requireNonNull(nte, "nte");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(excess, "excess");
    Money expected =
        total.isGreaterThan(nte.limit()) ? total.minus(nte.limit()) : total.minus(total);
    if (!expected.equals(excess)) {
      throw new ValidationException(
          "NteCheck", "excess of " + total + " over " + nte + " is " + expected);
    }
  }

  /** Whether the total is above the NTE. */
  public boolean exceeded() {
    return !excess.isZero();
  }
}
