package dev.dispatchkit.error;

import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.Nte;
import java.util.Objects;

/** A cost or invoice total goes over the work order's not-to-exceed amount. */
public final class NteExceededException extends DispatchKitException {

  private final Nte nte;
  private final Money total;
  private final Money excess;

  /**
   * @param nte the NTE in force
   * @param total the refused total
   * @param excess how much the total goes over: {@code total - nte}
   */
  public NteExceededException(Nte nte, Money total, Money excess) {
    super(
        "total "
            + Objects.requireNonNull(total, "total")
            + " exceeds the NTE of "
            + Objects.requireNonNull(nte, "nte")
            + " by "
            + Objects.requireNonNull(excess, "excess"));
    this.nte = nte;
    this.total = total;
    this.excess = excess;
  }

  /** The NTE in force. */
  public Nte nte() {
    return nte;
  }

  /** The refused total. */
  public Money total() {
    return total;
  }

  /** How much the total goes over the NTE, in the NTE's currency. */
  public Money excess() {
    return excess;
  }
}
