package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.CLASSIFIER;
import static dev.dispatchkit.reply.Replies.reply;
import static dev.dispatchkit.reply.Replies.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.workorder.Money;
import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "NTE increase by email" in docs/replies.md: an amount is read only when it has one meaning. */
class NteRequestPolicyTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  /** Classified against work order 123456, its NTE in euros. */
  private static ReplyDecision inEuros(String body) {
    return CLASSIFIER.classify(
        reply(body).build(), target(Correlation.IN_REPLY_TO).withCurrency(EUR));
  }

  /** Classified against a target whose currency is unknown (no store). */
  private static ReplyDecision currencyUnknown(String body) {
    return CLASSIFIER.classify(reply(body).build(), target(Correlation.IN_REPLY_TO));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Demande d'augmentation NTE : 750 €|750.00",
        "NTE increase request: 750 EUR|750.00",
        "Demande d'augmentation NTE : 750€|750.00",
        "Demande d'augmentation NTE : 1 250,50 €|1250.50",
        "Demande d'augmentation NTE : 1\u00a0250,50\u00a0€|1250.50",
        "Demande d'augmentation NTE : 1\u202f250,50 €|1250.50",
        "Demande d'augmentation NTE : 1.250,50 €|1250.50",
        "NTE increase request: 1,250.50 EUR|1250.50",
        "NTE increase request: EUR 1,250.50|1250.50",
        "NTE increase request: €980|980.00",
        "Bonjour, demande d'augmentation du NTE : 750,5 euros|750.50",
        "Demande d'augmentation NTE : 750 € pour remplacer le ballon|750.00",
        "nte increase request - 2,000,000 eur|2000000.00",
        "Demande d'augmentation NTE : 750 €.|750.00"
      })
  void aClearAmountBecomesARequest(String body, String amount) {
    ReplyDecision decision = inEuros(body);
    assertThat(decision.intent()).isEqualTo(Intent.NTE_INCREASE);
    assertThat(decision.reason()).isEqualTo(ReplyReason.NTE_INCREASE_PHRASE);
    assertThat(decision.nteAmount()).isEqualTo(new Money(new BigDecimal(amount), EUR));
    assertThat(decision.decides()).isTrue();
  }

  @Test
  void theTextAfterTheAmountIsTheReason() {
    ReplyDecision decision =
        inEuros(
            "Demande d'augmentation NTE : 750 €\nLe ballon est à remplacer.\n\nCordialement,\nMarc");
    assertThat(decision.note()).isEqualTo("Le ballon est à remplacer.");
  }

  @Test
  void aBareAmountTakesTheOrdersCurrencyWhenItIsKnown() {
    assertThat(inEuros("Demande d'augmentation NTE : 750").nteAmount())
        .isEqualTo(Money.of("750", "EUR"));
    ReplyDecision unknown = currencyUnknown("Demande d'augmentation NTE : 750");
    assertThat(unknown.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(unknown.reason()).isEqualTo(ReplyReason.NTE_AMOUNT_UNCLEAR);
    assertThat(currencyUnknown("NTE increase request: 750 USD").nteAmount())
        .isEqualTo(Money.of("750", "USD"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Demande d'augmentation NTE : 750 ou 800 €",
        "Demande d'augmentation NTE : 750 € ou 800 €",
        "NTE increase request: 750 or 800 EUR",
        "NTE increase request: 750-800 EUR",
        "NTE increase request: 750 to 800 EUR",
        "Demande d'augmentation NTE : 7,50,0 €",
        "Demande d'augmentation NTE : 1,250 €",
        "Demande d'augmentation NTE : 1.250 €",
        "Demande d'augmentation NTE : 750,505 €",
        "Demande d'augmentation NTE : 750 USD",
        "Demande d'augmentation NTE : 750 $",
        "Demande d'augmentation NTE : € 750 €",
        "Demande d'augmentation NTE : 0 €",
        "Demande d'augmentation NTE : environ 750 €",
        "Demande d'augmentation NTE : 750 € ?",
        "Demande d'augmentation NTE",
        "Demande d'augmentation NTE : beaucoup",
        "Demande d'augmentation NTE : 1 2 3 €",
        "Demande d'augmentation NTE : 12 34,5 €",
        "NTE increase request: 1,25,0.50 EUR",
        "NTE increase request: 999999999999999999 EUR"
      })
  void anAmountWithMoreThanOneMeaningIsUnclear(String body) {
    ReplyDecision decision = inEuros(body);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.NTE_AMOUNT_UNCLEAR);
    assertThat(decision.nteAmount()).isNull();
    assertThat(decision.decides()).isFalse();
  }

  @Test
  void theRequestMustOpenTheReply() {
    ReplyDecision decision = inEuros("OK, et demande d'augmentation NTE : 750 €");
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.nteAmount()).isNull();
  }

  @Property(tries = 300)
  void aWellFormedAmountRoundTrips(@ForAll("amounts") BigDecimal amount, @ForAll boolean french) {
    String written = french ? french(amount) + " €" : english(amount) + " EUR";
    String body = (french ? "Demande d'augmentation NTE : " : "NTE increase request: ") + written;
    ReplyDecision decision = inEuros(body);
    assertThat(decision.intent()).as(body).isEqualTo(Intent.NTE_INCREASE);
    assertThat(decision.nteAmount()).as(body).isEqualTo(new Money(amount, EUR));
  }

  @Property(tries = 500)
  void aMalformedAmountIsUnclearNeverAnException(@ForAll("malformed") String amount) {
    ReplyDecision decision = inEuros("Demande d'augmentation NTE : " + amount);
    assertThat(decision.intent()).as(amount).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).as(amount).isEqualTo(ReplyReason.NTE_AMOUNT_UNCLEAR);
  }

  @Property(tries = 500)
  void anyTextAfterThePhraseNeverThrows(@ForAll String tail) {
    ReplyDecision decision = inEuros("NTE increase request: " + tail);
    assertThat(decision.intent()).isIn(Intent.NTE_INCREASE, Intent.UNCLEAR);
    assertThat(decision.nteAmount() != null).isEqualTo(decision.intent() == Intent.NTE_INCREASE);
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals()
        .between(new BigDecimal("0.01"), new BigDecimal("99999999.99"))
        .ofScale(2);
  }

  @Provide
  Arbitrary<String> malformed() {
    Arbitrary<String> ranges =
        Combinators.combine(
                Arbitraries.integers().between(1, 99999),
                Arbitraries.of(" ou ", " or ", "-", " - ", "/", " à ", " to "),
                Arbitraries.integers().between(1, 99999))
            .as((a, sep, b) -> a + sep + b + " €");
    Arbitrary<String> badGroups =
        Combinators.combine(
                Arbitraries.integers().between(1, 999),
                Arbitraries.of(",", "."),
                Arbitraries.integers().between(0, 99),
                Arbitraries.of(",", "."),
                Arbitraries.integers().between(0, 99))
            .as((a, s1, b, s2, c) -> a + s1 + b + s2 + c + " €")
            .filter(s -> !s.matches("\\d+[.,]\\d{2}[.,]\\d{1,2} €"));
    Arbitrary<String> thousandOrDecimal =
        Combinators.combine(
                Arbitraries.integers().between(1, 999),
                Arbitraries.of(",", "."),
                Arbitraries.integers().between(0, 999))
            .as((a, sep, b) -> a + sep + String.format("%03d", b) + " €");
    Arbitrary<String> otherCurrency =
        Arbitraries.integers().between(1, 99999).map(a -> a + " " + "USD");
    return Arbitraries.oneOf(ranges, badGroups, thousandOrDecimal, otherCurrency);
  }

  private static String french(BigDecimal amount) {
    return group(amount.toBigInteger().toString(), ' ') + "," + fraction(amount);
  }

  private static String english(BigDecimal amount) {
    return group(amount.toBigInteger().toString(), ',') + "." + fraction(amount);
  }

  private static String fraction(BigDecimal amount) {
    String plain = amount.toPlainString();
    return plain.substring(plain.indexOf('.') + 1);
  }

  private static String group(String digits, char separator) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append(separator);
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }
}
