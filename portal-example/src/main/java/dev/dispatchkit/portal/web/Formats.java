package dev.dispatchkit.portal.web;

import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.Nte;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Dates and amounts as the pages show them, in the page's language. Dates are shown in the site's
 * time zone: that is where the technician has to be. Templates call it as {@code @formats}.
 */
@Component("formats")
public final class Formats {

  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** Builds the formats; Spring calls it. */
  public Formats() {}

  /** The expected date at the site, such as "5 déc. 2026, 10:00". */
  public String date(ExpectedDate date, Locale locale) {
    return dateTime(locale).format(date.zonedDateTime());
  }

  /** An instant in the site's zone. */
  public String instant(Instant instant, ZoneId zone, Locale locale) {
    return dateTime(locale).format(instant.atZone(zone));
  }

  /** An instant in the zone of this id. */
  public String instant(Instant instant, String zone, Locale locale) {
    return instant(instant, ZoneId.of(zone), locale);
  }

  /** The value of a {@code datetime-local} input for the date, at the site. */
  public String input(ExpectedDate date) {
    return INPUT.format(date.localDateTime());
  }

  /** An amount with its currency, such as "500,00 €". */
  public String money(Money money, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(money.currency());
    return format.format(money.amount());
  }

  /** An NTE's amount with its currency. */
  public String nte(Nte nte, Locale locale) {
    return money(nte.limit(), locale);
  }

  private static DateTimeFormatter dateTime(Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale);
  }
}
