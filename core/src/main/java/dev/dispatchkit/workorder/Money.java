package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A non-negative amount of money in one currency, such as a cost or an invoice total.
 *
 * <p>The amount is never finer than the currency's minor unit (cents for EUR, none for JPY, fils
 * for BHD). The constructor sets its scale to exactly that number of digits, so two equal amounts
 * are {@code equals} whatever scale they were written with ({@code 10.5}, {@code 10.50}, {@code
 * 10.500} EUR), and a value read back from a {@code DECIMAL(19,4)} column equals the one written.
 *
 * @param amount the amount, at most {@value #MAX_INTEGER_DIGITS} digits before the point
 * @param currency an ISO 4217 currency with a minor unit (not XAU, XXX...)
 */
public record Money(BigDecimal amount, Currency currency) {

  /** The most digits before the decimal point: what a {@code DECIMAL(19,4)} column holds. */
  public static final int MAX_INTEGER_DIGITS = 15;

  /**
   * @throws ValidationException if the amount is negative, too large, or finer than the currency's
   *     minor unit, or the currency has no minor unit
   */
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = normalize("Money", amount, currency, false);
  }

  /** Same as the constructor. */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * Parses an amount such as {@code "1250.00"} and an ISO 4217 code such as {@code "EUR"}.
   *
   * @throws ValidationException if the amount or the code is malformed, or as the constructor
   */
  public static Money of(String amount, String currencyCode) {
    return new Money(parseAmount(amount), parseCurrency(currencyCode));
  }

  /** Whether this is more than {@code other}, compared by value. */
  public boolean isGreaterThan(Money other) {
    return amount.compareTo(sameCurrency(other).amount) > 0;
  }

  /** Whether the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** The sum of both amounts. */
  public Money plus(Money other) {
    return new Money(amount.add(sameCurrency(other).amount), currency);
  }

  /**
   * The difference, which must not be negative.
   *
   * @throws ValidationException if {@code other} is more than this, or in another currency
   */
  public Money minus(Money other) {
    return new Money(amount.subtract(sameCurrency(other).amount), currency);
  }

  /** {@code 1250.00 EUR}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private Money sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new ValidationException(
          "Money", "cannot combine " + this + " with " + other + ": the currencies differ");
    }
    return other;
  }

  static BigDecimal normalize(
      String subject, BigDecimal amount, Currency currency, boolean mustBePositive) {
    int digits = currency.getDefaultFractionDigits();
    // The usual amount, written with no more decimal places than the currency has, is judged
    // without stripTrailingZeros: with 0 <= scale <= digits the stripped scale is within digits
    // too, and the digits before the point of a non-zero amount do not change with trailing
    // zeros (a zero has one). Anything else takes the full check below.
    int scale = amount.scale();
    int signum = amount.signum();
    if (digits >= 0
        && scale >= 0
        && scale <= digits
        && (mustBePositive ? signum > 0 : signum >= 0)
        && (signum == 0 || amount.precision() - scale <= MAX_INTEGER_DIGITS)) {
      return amount.setScale(digits, RoundingMode.UNNECESSARY);
    }
    List<String> violations = new ArrayList<>();
    if (digits < 0) {
      violations.add(currency.getCurrencyCode() + " has no minor unit and is not money");
    }
    if (mustBePositive ? amount.signum() <= 0 : amount.signum() < 0) {
      violations.add(
          (mustBePositive
                  ? "the amount must be positive (greater than zero), was "
                  : "the amount must be zero or more, was ")
              + amount);
    }
    // 10.500 EUR is ten euros fifty: judge the digits that carry value, not how it was written.
    BigDecimal stripped = amount.stripTrailingZeros();
    if (digits >= 0 && stripped.scale() > digits) {
      violations.add(
          "amount "
              + amount.toPlainString()
              + " is finer than "
              + currency.getCurrencyCode()
              + " allows ("
              + digits
              + " decimal places)");
    }
    if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
      violations.add("amount has more than " + MAX_INTEGER_DIGITS + " digits before the point");
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(subject, violations);
    }
    return amount.setScale(digits, RoundingMode.UNNECESSARY);
  }

  static BigDecimal parseAmount(String amount) {
    Objects.requireNonNull(amount, "amount");
    try {
      return new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new ValidationException("Money", "amount is not a decimal number: '" + amount + "'");
    }
  }

  static Currency parseCurrency(String code) {
    Objects.requireNonNull(code, "currencyCode");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Money", "not an ISO 4217 currency code: '" + code + "'");
    }
  }
}
