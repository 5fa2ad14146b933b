package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Objects;

/**
 * When the provider is expected on site: a wall-clock time in the site's zone, with the offset that
 * makes it one instant.
 *
 * <p>Daylight-saving changes are never resolved silently. A local time in a gap (it does not exist,
 * the clocks jump over it) is refused. A local time in an overlap (it happens twice) is refused by
 * {@link #of(LocalDateTime, ZoneId)} and accepted by {@link #of(LocalDateTime, ZoneId,
 * OverlapChoice)}, where the caller says which of the two it means. {@link
 * #localTime(LocalDateTime, ZoneId)} tells which case a local time falls in, without throwing.
 *
 * <p>Expected dates are whole minutes: scheduling needs no more, and every database keeps them
 * exactly.
 *
 * @param localDateTime the wall-clock time at the site
 * @param zone the site's zone
 * @param offset the offset in force at that time, one of those the zone allows for it
 */
public record ExpectedDate(LocalDateTime localDateTime, ZoneId zone, ZoneOffset offset) {

  /** Where a local time falls in its zone's rules. */
  public enum LocalTime {
    /** The local time exists once: it names one instant. */
    REGULAR,
    /** The clocks jump over the local time (daylight saving starts): it does not exist. */
    GAP,
    /** The clocks go back over the local time (daylight saving ends): it exists twice. */
    OVERLAP
  }

  /** Which of the two instants of a local time in an overlap is meant. */
  public enum OverlapChoice {
    /** The first time the clock shows it, before the clocks go back (summer time, usually). */
    EARLIER,
    /** The second time, after the clocks went back. */
    LATER
  }

  /**
   * @throws ValidationException if the time is not a whole minute, or the zone does not allow the
   *     offset at that local time (which includes every local time in a gap)
   */
  public ExpectedDate {
    Objects.requireNonNull(localDateTime, "localDateTime");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(offset, "offset");
    if (localDateTime.getSecond() != 0 || localDateTime.getNano() != 0) {
      throw new ValidationException("ExpectedDate", "must be a whole minute, was " + localDateTime);
    }
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(localDateTime);
    if (!valid.contains(offset)) {
      throw new ValidationException(
          "ExpectedDate",
          valid.isEmpty()
              ? gapMessage(localDateTime, zone)
              : localDateTime + " in " + zone + " has offset " + valid + ", not " + offset);
    }
  }

  /**
   * The expected date at a local time that exists exactly once in the zone.
   *
   * @throws ValidationException if the local time falls in a daylight-saving gap or overlap (the
   *     message says which, and when the clocks change), or is not a whole minute
   */
  public static ExpectedDate of(LocalDateTime localDateTime, ZoneId zone) {
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(localDateTime);
    if (valid.size() == 2) {
      throw new ValidationException(
          "ExpectedDate",
          localDateTime
              + " happens twice in "
              + zone
              + " (offsets "
              + valid.get(0)
              + " then "
              + valid.get(1)
              + "): say which with an OverlapChoice");
    }
    if (valid.isEmpty()) {
      throw new ValidationException("ExpectedDate", gapMessage(localDateTime, zone));
    }
    return new ExpectedDate(localDateTime, zone, valid.get(0));
  }

  /**
   * The expected date at a local time, choosing explicitly in an overlap. The choice is ignored for
   * a regular local time.
   *
   * @throws ValidationException if the local time falls in a gap, or is not a whole minute
   */
  public static ExpectedDate of(LocalDateTime localDateTime, ZoneId zone, OverlapChoice choice) {
    Objects.requireNonNull(choice, "choice");
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(localDateTime);
    if (valid.isEmpty()) {
      throw new ValidationException("ExpectedDate", gapMessage(localDateTime, zone));
    }
    ZoneOffset offset =
        valid.size() == 2 && choice == OverlapChoice.LATER ? valid.get(1) : valid.get(0);
    return new ExpectedDate(localDateTime, zone, offset);
  }

  /**
   * The expected date at an instant, shown in the zone. An instant is never ambiguous.
   *
   * @throws ValidationException if the instant is not a whole minute
   */
  public static ExpectedDate ofInstant(Instant instant, ZoneId zone) {
    ZonedDateTime zoned = instant.atZone(zone);
    return new ExpectedDate(zoned.toLocalDateTime(), zone, zoned.getOffset());
  }

  /** Where {@code localDateTime} falls in the rules of {@code zone}; never throws. */
  public static LocalTime localTime(LocalDateTime localDateTime, ZoneId zone) {
    return switch (zone.getRules().getValidOffsets(localDateTime).size()) {
      case 0 -> LocalTime.GAP;
      case 1 -> LocalTime.REGULAR;
      default -> LocalTime.OVERLAP;
    };
  }

  /** The instant this expected date names. */
  public Instant instant() {
    return localDateTime.toInstant(offset);
  }

  /** The expected date with its zone, for display. */
  public ZonedDateTime zonedDateTime() {
    return ZonedDateTime.ofLocal(localDateTime, zone, offset);
  }

  /** Whether the local time happens twice in the zone, so that the offset tells which one. */
  public boolean isInOverlap() {
    return localTime(localDateTime, zone) == LocalTime.OVERLAP;
  }

  @Override
  public String toString() {
    return localDateTime + offset.toString() + "[" + zone + "]";
  }

  private static String gapMessage(LocalDateTime localDateTime, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(localDateTime);
    String detail =
        transition == null
            ? ""
            : " (clocks jump from "
                + transition.getDateTimeBefore().toLocalTime()
                + " to "
                + transition.getDateTimeAfter().toLocalTime()
                + ")";
    return localDateTime + " does not exist in " + zone + detail;
  }
}
