package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.error.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Money} and {@link Nte} skip {@code stripTrailingZeros} when the scale is already within
 * the currency's; they must accept, refuse (in the same words) and normalize exactly as the full
 * check does.
 */
class MoneyNormalizeEquivalenceTest {

  private static final List<Currency> CURRENCIES =
      List.of(
          Currency.getInstance("EUR"), Currency.getInstance("JPY"), Currency.getInstance("BHD"));

  @Property(tries = 3000)
  void shortcutAgreesWithTheFullCheck(
      @ForAll @LongRange(min = -100_000, max = 100_000) long unscaled,
      @ForAll @IntRange(min = 0, max = 17) int extraDigits,
      @ForAll @IntRange(min = -18, max = 6) int scale,
      @ForAll @IntRange(min = 0, max = 2) int currencyIndex,
      @ForAll boolean mustBePositive) {
    BigDecimal amount =
        new BigDecimal(
            BigInteger.valueOf(unscaled).multiply(BigInteger.TEN.pow(extraDigits)), scale);
    Currency currency = CURRENCIES.get(currencyIndex);
    String expected = outcome(() -> fullCheck("Money", amount, currency, mustBePositive));
    String actual = outcome(() -> Money.normalize("Money", amount, currency, mustBePositive));
    assertThat(actual).isEqualTo(expected);
    if (!mustBePositive) {
      String nte = outcome(() -> new Nte(new Money(amount, currency)).amount());
      String nteExpected =
          outcome(
              () -> fullCheck("Nte", fullCheck("Money", amount, currency, false), currency, true));
      assertThat(nte).isEqualTo(nteExpected);
    }
  }

  private interface Call {
    BigDecimal run();
  }

  /** The value with its scale, or the refusal's subject and violations. */
  private static String outcome(Call call) {
    try {
      BigDecimal value = call.run();
      return value.toString() + " scale " + value.scale();
    } catch (ValidationException e) {
      return "refused: " + e.getMessage();
    }
  }

  /** The check as written before the shortcut. */
  private static BigDecimal fullCheck(
      String subject, BigDecimal amount, Currency currency, boolean mustBePositive) {
    List<String> violations = new ArrayList<>();
    int digits = currency.getDefaultFractionDigits();
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
    if (stripped.precision() - stripped.scale() > Money.MAX_INTEGER_DIGITS) {
      violations.add(
          "amount has more than " + Money.MAX_INTEGER_DIGITS + " digits before the point");
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(subject, violations);
    }
    return amount.setScale(digits, RoundingMode.UNNECESSARY);
  }
}
