package dev.dispatchkit.mail.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads an RFC 5322 {@code Date} header with its offset. Lenient about what real mail gets wrong
 * (missing weekday or seconds, two-digit years, zone names, a trailing comment), and returns null
 * rather than guess when a part is missing or invalid.
 */
final class MailDates {

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  // RFC 5322 section 4.3, plus the European names that sloppy clients write.
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("UT", 0),
          Map.entry("UTC", 0),
          Map.entry("GMT", 0),
          Map.entry("Z", 0),
          Map.entry("EST", -5),
          Map.entry("EDT", -4),
          Map.entry("CST", -6),
          Map.entry("CDT", -5),
          Map.entry("MST", -7),
          Map.entry("MDT", -6),
          Map.entry("PST", -8),
          Map.entry("PDT", -7),
          Map.entry("WET", 0),
          Map.entry("BST", 1),
          Map.entry("CET", 1),
          Map.entry("MET", 1),
          Map.entry("CEST", 2),
          Map.entry("MEST", 2),
          Map.entry("EET", 2),
          Map.entry("EEST", 3));

  private MailDates() {}

  /**
   * @param value the unfolded header value
   * @return the date-time with the sender's offset, or null when it cannot be read
   */
  static @Nullable OffsetDateTime parse(String value) {
    List<String> tokens = tokens(value);
    int i = 0;
    if (i < tokens.size() && isAlpha(tokens.get(i)) && month(tokens.get(i)) == 0) {
      i++; // the day of the week, which adds nothing
    }
    if (tokens.size() - i < 4) {
      return null;
    }
    int day;
    int month;
    String first = tokens.get(i);
    String second = tokens.get(i + 1);
    if (isDigits(first) && month(second) > 0) {
      day = Integer.parseInt(first);
      month = month(second);
    } else if (month(first) > 0 && isDigits(second)) {
      day = Integer.parseInt(second); // "Mar 3 2025", as some old agents wrote
      month = month(first);
    } else {
      return null;
    }
    String yearText = tokens.get(i + 2);
    if (!isDigits(yearText) || yearText.length() > 4) {
      return null;
    }
    int year = Integer.parseInt(yearText);
    if (yearText.length() == 2) {
      year += year < 50 ? 2000 : 1900;
    } else if (yearText.length() == 3) {
      year += 1900;
    }
    String[] time = tokens.get(i + 3).split(":", -1);
    if (time.length < 2 || time.length > 3) {
      return null;
    }
    for (String t : time) {
      if (!isDigits(t) || t.length() > 2) {
        return null;
      }
    }
    ZoneOffset offset = tokens.size() > i + 4 ? offset(tokens.get(i + 4)) : null;
    if (offset == null) {
      return null;
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              year,
              month,
              day,
              Integer.parseInt(time[0]),
              Integer.parseInt(time[1]),
              time.length == 3 ? Integer.parseInt(time[2]) : 0);
      return OffsetDateTime.of(local, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable ZoneOffset offset(String zone) {
    try {
      if ((zone.startsWith("+") || zone.startsWith("-"))
          && zone.length() == 5
          && isDigits(zone.substring(1))) {
        int hours = Integer.parseInt(zone.substring(1, 3));
        int minutes = Integer.parseInt(zone.substring(3, 5));
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
    } catch (DateTimeException e) {
      return null;
    }
    if (!isAlpha(zone)) {
      return null;
    }
    Integer hours = ZONES.get(zone.toUpperCase(Locale.ROOT));
    // RFC 5322: any other alphabetic zone means "-0000", a UTC time with no zone information.
    return ZoneOffset.ofHours(hours == null ? 0 : hours);
  }

  private static List<String> tokens(String value) {
    List<String> tokens = new ArrayList<>(8);
    StringBuilder current = new StringBuilder();
    int comment = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '(') {
        comment++;
      } else if (c == ')' && comment > 0) {
        comment--;
      } else if (comment == 0) {
        if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
          flush(tokens, current);
        } else {
          current.append(c);
        }
        continue;
      }
      flush(tokens, current);
    }
    flush(tokens, current);
    return tokens;
  }

  private static void flush(List<String> tokens, StringBuilder current) {
    if (current.length() > 0) {
      tokens.add(current.toString());
      current.setLength(0);
    }
  }

  /** The month number, or 0 when the token names no month. */
  private static int month(String token) {
    if (token.length() < 3 || !isAlpha(token)) {
      return 0;
    }
    return MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
  }

  private static boolean isDigits(String token) {
    if (token.isEmpty()) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(String token) {
    if (token.isEmpty()) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }
}
