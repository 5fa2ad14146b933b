package dev.dispatchkit.jdbc;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an instant exactly as {@link Instant#toString} does, without its general formatter for the
 * usual shape (a four-digit year): note lists and events hold one instant per note, and each reply
 * writes them again.
 */
final class InstantTexts {
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits. */
  private static final long FIRST = -62_167_219_200L;

  private static final long LAST = 253_402_300_799L;

  private InstantTexts() {}

  /** The text of {@link Instant#toString}. */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds > LAST) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    StringBuilder out = new StringBuilder(30);
    digits(out, date.getYear(), 4).append('-');
    digits(out, date.getMonthValue(), 2).append('-');
    digits(out, date.getDayOfMonth(), 2).append('T');
    digits(out, secondOfDay / 3600, 2).append(':');
    digits(out, secondOfDay / 60 % 60, 2).append(':');
    digits(out, secondOfDay % 60, 2);
    int nano = instant.getNano();
    // As Instant.toString: no fraction, or the fewest groups of three digits that hold it.
    if (nano > 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        digits(out, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(out, nano / 1_000, 6);
      } else {
        digits(out, nano, 9);
      }
    }
    return out.append('Z').toString();
  }

  /** Appends {@code value} (not negative) in {@code width} decimal digits, zeros first. */
  private static StringBuilder digits(StringBuilder out, int value, int width) {
    int divisor = 1;
    for (int i = 1; i < width; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
    return out;
  }
}
