package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.NteExceededException;
import dev.dispatchkit.error.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NteTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  @Test
  void amountsAreNoFinerThanTheCurrencyMinorUnit() {
    assertThat(Money.of("1500", "JPY").amount()).isEqualByComparingTo("1500");
    assertThatThrownBy(() -> Money.of("1500.5", "JPY"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("finer than JPY allows (0 decimal places)");
    assertThat(Money.of("12.345", "BHD").amount().scale()).isEqualTo(3);
    assertThatThrownBy(() -> Money.of("12.3456", "BHD")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Money.of("0.001", "EUR")).isInstanceOf(ValidationException.class);
  }

  @Test
  void trailingZerosDoNotCountAsPrecision() {
    assertThat(Money.of("10.500", "EUR")).isEqualTo(Money.of("10.5", "EUR"));
    assertThat(Money.of("10.500", "EUR").amount().toPlainString()).isEqualTo("10.50");
    assertThat(Money.of("1E+3", "JPY").amount().toPlainString()).isEqualTo("1000");
  }

  @Test
  void moneyRefusesWhatIsNotMoney() {
    assertThatThrownBy(() -> Money.of("-1", "EUR")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Money.of("1", "XAU"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no minor unit");
    assertThatThrownBy(() -> Money.of("12,50", "EUR"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not a decimal number");
    assertThatThrownBy(() -> Money.of("1", "eur"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> Money.of("1" + "0".repeat(15), "EUR"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("digits before the point");
    assertThat(Money.of("9".repeat(15) + ".99", "EUR").amount().precision()).isEqualTo(17);
  }

  @Test
  void anNteIsPositive() {
    assertThatThrownBy(() -> Nte.of("0.00", "EUR"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("positive");
    assertThat(Nte.of("500", "EUR").toString()).isEqualTo("500.00 EUR");
  }

  @Test
  void aTotalAboveTheNteIsRefusedWithItsExcess() {
    Nte nte = Nte.of("500.00", "EUR");
    Money invoice = Money.of("612.40", "EUR");

    assertThat(nte.check(invoice).exceeded()).isTrue();
    assertThat(nte.check(invoice).excess()).isEqualTo(Money.of("112.40", "EUR"));
    assertThatThrownBy(() -> nte.requireWithin(invoice))
        .isInstanceOfSatisfying(
            NteExceededException.class,
            e -> {
              assertThat(e.excess()).isEqualTo(Money.of("112.4", "EUR"));
              assertThat(e.total()).isEqualTo(invoice);
              assertThat(e.nte()).isEqualTo(nte);
              assertThat(e.getMessage()).contains("by 112.40 EUR");
            });
  }

  @Test
  void aTotalEqualToTheNteFits() {
    Nte nte = Nte.of("500", "EUR");
    assertThat(nte.check(Money.of("500.000", "EUR")).exceeded()).isFalse();
    assertThat(nte.requireWithin(Money.of("500", "EUR"))).isEqualTo(Money.of("500", "EUR"));
  }

  @Test
  void aTotalInAnotherCurrencyCannotBeChecked() {
    assertThatThrownBy(() -> Nte.of("500", "EUR").check(Money.of("10", "USD")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NTE in EUR");
  }

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("JPY", "EUR", "USD", "BHD", "KWD", "CLF").map(Currency::getInstance);
  }

  @Property(tries = 1000)
  void anAmountIsAcceptedExactlyWhenItsSignificantDigitsFitTheCurrency(
      @ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = 0, max = 999_999_999_999L) long unscaled,
      @ForAll @IntRange(min = 0, max = 6) int scale,
      @ForAll @IntRange(min = 0, max = 3) int extraZeros) {
    BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
    BigDecimal written = amount.setScale(scale + extraZeros);
    boolean fits = amount.stripTrailingZeros().scale() <= currency.getDefaultFractionDigits();
    if (fits) {
      Money money = Money.of(written, currency);
      assertThat(money.amount().compareTo(amount)).isZero();
      assertThat(money.amount().scale()).isEqualTo(currency.getDefaultFractionDigits());
      assertThat(money).isEqualTo(Money.of(amount, currency));
    } else {
      assertThatThrownBy(() -> Money.of(written, currency)).isInstanceOf(ValidationException.class);
    }
  }

  @Property(tries = 1000)
  void theExcessIsTheTotalMinusTheNteAndOnlyWhenAbove(
      @ForAll @LongRange(min = 1, max = 10_000_000) long nteCents,
      @ForAll @LongRange(min = 0, max = 10_000_000) long totalCents,
      @ForAll @IntRange(min = 0, max = 2) int extraZeros) {
    Nte nte = Nte.of(BigDecimal.valueOf(nteCents, 2).setScale(2 + extraZeros), EUR);
    Money total = Money.of(BigDecimal.valueOf(totalCents, 2), EUR);
    NteCheck check = nte.check(total);

    assertThat(check.exceeded()).isEqualTo(totalCents > nteCents);
    assertThat(check.excess().amount())
        .isEqualByComparingTo(BigDecimal.valueOf(Math.max(0, totalCents - nteCents), 2));
    if (check.exceeded()) {
      assertThat(nte.limit().plus(check.excess())).isEqualTo(total);
      assertThatThrownBy(() -> nte.requireWithin(total))
          .isInstanceOfSatisfying(
              NteExceededException.class, e -> assertThat(e.excess()).isEqualTo(check.excess()));
    } else {
      assertThat(nte.requireWithin(total)).isSameAs(total);
    }
  }
}
