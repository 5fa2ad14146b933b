package dev.dispatchkit.workorder;

import dev.dispatchkit.error.NteExceededException;
import dev.dispatchkit.error.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The not-to-exceed amount of a work order: the most the client pays without a new approval, taxes
 * and fees included.
 *
 * <p>Use {@link #check(Money)} to ask whether a cost fits, and {@link #requireWithin(Money)} to
 * refuse one that does not.
 *
 * @param limit the amount, positive
 */
public record Nte(Money limit) {

  /**
   * @throws ValidationException if the limit is zero
   */
  public Nte {
    Objects.requireNonNull(limit, "limit");
    // A Money is already normalized: only the sign can still be refused. The full check then
    // reports it in the same words.
    if (limit.amount().signum() <= 0) {
      Money.normalize("Nte", limit.amount(), limit.currency(), true);
    }
  }

  /**
   * An NTE of {@code amount} in {@code currency}.
   *
   * @throws ValidationException if the amount is not positive, too large or finer than the
   *     currency's minor unit
   */
  public static Nte of(BigDecimal amount, Currency currency) {
    // Judged as an NTE first, so that a negative amount is reported against Nte, not Money.
    Objects.requireNonNull(amount, "amount");
    Money.normalize("Nte", amount, Objects.requireNonNull(currency, "currency"), true);
    return new Nte(Money.of(amount, currency));
  }

  /**
   * Parses an NTE such as {@code Nte.of("500.00", "EUR")}.
   *
   * @throws ValidationException if the amount or the code is malformed, or as {@link
   *     #of(BigDecimal, Currency)}
   */
  public static Nte of(String amount, String currencyCode) {
    return of(Money.parseAmount(amount), Money.parseCurrency(currencyCode));
  }

  /** The amount, at the currency's scale. */
  public BigDecimal amount() {
    return limit.amount();
  }

  /** The currency. */
  public Currency currency() {
    return limit.currency();
  }

  /**
   * Whether {@code total} fits under this NTE, and by how much it goes over if not. Never throws
   * for a total that goes over.
   *
   * @throws ValidationException if the total is in another currency: it cannot be compared
   */
  public NteCheck check(Money total) {
    Objects.requireNonNull(total, "total");
    if (!total.currency().equals(currency())) {
      throw new ValidationException(
          "Nte", "cannot check " + total + " against an NTE in " + currency().getCurrencyCode());
    }
    Money excess =
        total.isGreaterThan(limit) ? total.minus(limit) : Money.of(BigDecimal.ZERO, currency());
    return new NteCheck(this, total, excess);
  }

  /**
   * Refuses a cost or invoice total above this NTE.
   *
   * @return {@code total}, when it fits
   * @throws NteExceededException if the total is above the NTE, stating the excess
   * @throws ValidationException if the total is in another currency
   */
  public Money requireWithin(Money total) {
    NteCheck check = check(total);
    if (check.exceeded()) {
      throw new NteExceededException(this, total, check.excess());
    }
    return total;
  }

  /** Whether this NTE is more than {@code other}, in the same currency. */
  public boolean isGreaterThan(Nte other) {
    return limit.isGreaterThan(other.limit);
  }

  /** {@code 500.00 EUR}. */
  @Override
  public String toString() {
    return limit.toString();
  }
}
