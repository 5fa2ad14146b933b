package dev.dispatchkit.reply;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.Money;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the amount after an NTE increase phrase ("Demande d'augmentation NTE : 1 250,50 €"). An
 * amount is read only when it has one meaning: French ({@code 1 250,50}, {@code 1.250,50}) and
 * English ({@code 1,250.50}) groupings, one currency (a symbol, an ISO code or "euros") before or
 * after it, or none when the work order's currency may be assumed. Anything else is null: a range
 * or alternative ("750 ou 800"), a malformed grouping ("7,50,0"), a lone separator before exactly
 * three digits ("1,250" is a thousand or one and a quarter), more decimals than the currency has,
 * another currency than the order's.
 */
final class NteAmounts {

  /** What was read: the amount, and the text after it (the provider's reason). */
  record Read(Money amount, String rest) {}

  private static final Pattern AMOUNT =
      Pattern.compile(
          "^(?:(?:[:=-]|a|à|to|of|de)\\s*)?"
              + "(?<pre>[€$£]|[A-Za-z]{3}(?=\\s*\\d))?\\s*"
              + "(?<num>\\d(?:[\\d.,]|\\s(?=\\d))*)"
              + "\\s*(?<post>[€$£]|(?:euros?|[A-Za-z]{3})(?![\\p{L}\\d]))?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** An alternative or a range after the amount: the amount is not one figure. */
  private static final Pattern ALTERNATIVE =
      Pattern.compile(
          "^(?:ou|or|à|a|to|et|and|voire|-|/|~|\\+)\\s*[€$£]?\\s*\\d",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private NteAmounts() {}

  /**
   * The amount at the start of {@code text}, or null when it cannot be read unambiguously. Never
   * throws.
   *
   * @param text the words right after the NTE phrase, as written
   * @param assumed the work order's currency, taken when the amount names none; null when unknown
   */
  static @Nullable Read read(String text, @Nullable Currency assumed) {
    String s =
        Normalizer.normalize(text, Normalizer.Form.NFKC)
            .replace('\u00a0', ' ')
            .replace('\u202f', ' ')
            .replace('\u2007', ' ')
            .strip();
    Matcher m = AMOUNT.matcher(s);
    if (!m.find()) {
      return null;
    }
    String pre = m.group("pre");
    String post = m.group("post");
    String number = m.group("num");
    int end = m.end();
    if (post != null && currency(post, null) == null) {
      // "750 for parts": a three-letter word that names no currency starts the reason.
      end = m.start("post");
      post = null;
    }
    // "750." ends a sentence: the point belongs to the sentence, not to the number.
    if (post == null && (number.endsWith(".") || number.endsWith(","))) {
      number = number.substring(0, number.length() - 1);
    }
    if (pre != null && post != null) {
      return null;
    }
    String rest = s.substring(end).strip();
    if (ALTERNATIVE.matcher(rest).find()
        || rest.startsWith("?")
        || (!rest.isEmpty() && Character.isDigit(rest.charAt(0)))) {
      return null;
    }
    Currency currency = currency(pre != null ? pre : post, assumed);
    if (currency == null || (assumed != null && !currency.equals(assumed))) {
      return null;
    }
    BigDecimal value = number(number);
    if (value == null || value.signum() <= 0) {
      return null;
    }
    try {
      return new Read(new Money(value, currency), rest);
    } catch (ValidationException e) {
      // Finer than the currency's minor unit, or too large: not an amount we may guess at.
      return null;
    }
  }

  private static @Nullable Currency currency(@Nullable String written, @Nullable Currency assumed) {
    if (written == null) {
      return assumed;
    }
    String w = written.toUpperCase(Locale.ROOT);
    switch (w) {
      case "€":
      case "EURO":
      case "EUROS":
        return Currency.getInstance("EUR");
      case "$":
        return Currency.getInstance("USD");
      case "£":
        return Currency.getInstance("GBP");
      default:
        try {
          Currency c = Currency.getInstance(w);
          return c.getDefaultFractionDigits() < 0 ? null : c;
        } catch (IllegalArgumentException e) {
          return null;
        }
    }
  }

  /** The value of a number written with French or English grouping, or null if it is ambiguous. */
  static @Nullable BigDecimal number(String n) {
    boolean spaces = n.indexOf(' ') >= 0 || n.indexOf('\t') >= 0;
    String t = n.replace('\t', ' ');
    int dots = count(t, '.');
    int commas = count(t, ',');
    String integer;
    String fraction = "";
    char group;
    if (dots > 0 && commas > 0) {
      char decimal = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
      group = decimal == '.' ? ',' : '.';
      if (spaces || count(t, decimal) != 1) {
        return null;
      }
      int at = t.indexOf(decimal);
      integer = t.substring(0, at);
      fraction = t.substring(at + 1);
    } else if (dots + commas == 0) {
      integer = t;
      group = ' ';
    } else {
      char sep = dots > 0 ? '.' : ',';
      if (dots + commas > 1) {
        if (spaces) {
          return null;
        }
        integer = t;
        group = sep;
      } else {
        int at = t.indexOf(sep);
        fraction = t.substring(at + 1);
        if (fraction.length() == 3 && !spaces) {
          return null;
        }
        integer = t.substring(0, at);
        group = ' ';
      }
    }
    if (!fraction.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    String digits = grouped(integer, group);
    if (digits == null) {
      return null;
    }
    return new BigDecimal(fraction.isEmpty() ? digits : digits + "." + fraction);
  }

  /** The digits of an integer part grouped by threes with {@code group}, or null if malformed. */
  private static @Nullable String grouped(String integer, char group) {
    if (integer.isEmpty()) {
      return null;
    }
    String[] parts = integer.split(Pattern.quote(String.valueOf(group)), -1);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      boolean ok =
          !p.isEmpty()
              && p.chars().allMatch(c -> c >= '0' && c <= '9')
              && (i == 0 ? (parts.length == 1 || p.length() <= 3) : p.length() == 3);
      if (!ok) {
        return null;
      }
      digits.append(p);
    }
    return digits.toString();
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
