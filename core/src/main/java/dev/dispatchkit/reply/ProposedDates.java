package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the date and time an accepting provider commits to, per the reply policy: exactly one day
 * (today, tomorrow, a weekday, a written date, or a numeric date where the language reads them) and
 * exactly one time, nothing approximate or uncertain, not in the past. Anything else is no date.
 *
 * <p>The patterns apply to a folded note and have only bounded quantifiers.
 */
final class ProposedDates {

  /** "10h", "10h30", "10 h 30", "9h00". */
  private static final Pattern HOUR_H =
      Pattern.compile("(?<![\\d:/.,])(\\d{1,2}) ?h(?: ?(\\d{2}))?(?![\\p{L}\\d])");

  /** "10:00", "9:30". */
  private static final Pattern HOUR_COLON =
      Pattern.compile("(?<![\\d:/.,])(\\d{1,2}):(\\d{2})(?![\\d:])");

  /** "10am", "2 pm", "10:30am", "2 p.m.". */
  private static final Pattern HOUR_AMPM =
      Pattern.compile("(?<![\\d:/.,])(\\d{1,2})(?::(\\d{2}))? ?([ap])\\.?m\\.?(?![\\p{L}\\d])");

  /** "14/03", "14/03/2025", "14/3/25". */
  private static final Pattern NUMERIC_DATE =
      Pattern.compile("(?<![\\d/.])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![\\d/])");

  /** A day number next to a written month, with an optional ordinal suffix. */
  private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(?:er|st|nd|rd|th)?");

  /** A four-digit year after a date. */
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final Lexicon lexicon;

  ProposedDates(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /**
   * The proposed date in a note.
   *
   * @param note the note, as written
   * @param languages the languages of the decision word; when several read the note differently,
   *     there is no date
   * @param reference the reply's local date-time
   */
  @Nullable LocalDateTime find(String note, Set<String> languages, LocalDateTime reference) {
    if (note.isEmpty() || languages.isEmpty()) {
      return null;
    }
    String text = Lexicon.collapseSpaces(Folded.fold(note));
    if (lexicon.containsAny(WordList.APPROXIMATE, text)
        || lexicon.containsAny(WordList.UNCERTAIN, text)) {
      return null;
    }
    LocalTime time = time(text);
    if (time == null) {
      return null;
    }
    Set<LocalDateTime> readings = new HashSet<>();
    for (String language : languages) {
      LocalDate day = day(text, language, reference.toLocalDate(), languages.size() > 1);
      if (day != null) {
        readings.add(day.atTime(time));
      }
    }
    if (readings.size() != 1) {
      return null;
    }
    LocalDateTime proposed = readings.iterator().next();
    return proposed.isBefore(reference) ? null : proposed;
  }

  /** The one time in the text; null when none or several. */
  private static @Nullable LocalTime time(String text) {
    Set<LocalTime> times = new HashSet<>();
    Set<Integer> starts = new HashSet<>();
    Matcher ampm = HOUR_AMPM.matcher(text);
    while (ampm.find()) {
      int hour = Integer.parseInt(ampm.group(1));
      int minute = ampm.group(2) == null ? 0 : Integer.parseInt(ampm.group(2));
      if (hour < 1 || hour > 12 || minute > 59) {
        return null;
      }
      int h24 = hour % 12 + (ampm.group(3).equals("p") ? 12 : 0);
      times.add(LocalTime.of(h24, minute));
      starts.add(ampm.start());
    }
    for (Pattern pattern : List.of(HOUR_COLON, HOUR_H)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        if (starts.contains(m.start())) {
          continue;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (hour > 23 || minute > 59) {
          return null;
        }
        times.add(LocalTime.of(hour, minute));
      }
    }
    return times.size() == 1 ? times.iterator().next() : null;
  }

  /** The one day the text names in {@code language}; null when none, several or ambiguous. */
  private @Nullable LocalDate day(
      String text, String language, LocalDate today, boolean sharedWord) {
    Set<LocalDate> days = new HashSet<>();
    for (String word : lexicon.phrases(WordList.TODAY, language)) {
      if (Lexicon.containsWords(text, word)) {
        days.add(today);
      }
    }
    for (String word : lexicon.phrases(WordList.TOMORROW, language)) {
      if (Lexicon.containsWords(text, word)) {
        days.add(today.plusDays(1));
      }
    }
    List<String> weekdays = lexicon.phrases(WordList.WEEKDAY, language);
    for (int i = 0; i < weekdays.size() && i < 7; i++) {
      if (Lexicon.containsWords(text, weekdays.get(i))) {
        DayOfWeek dayOfWeek = DayOfWeek.of(i + 1);
        // Strictly after the reply's day: "jeudi" sent on a Thursday is a week later.
        int ahead = (dayOfWeek.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
        days.add(today.plusDays(ahead == 0 ? 7 : ahead));
      }
    }
    if (!writtenDates(text, language, today, days)) {
      return null;
    }
    List<String> order = lexicon.phrases(WordList.NUMERIC_DATE_ORDER, language);
    Matcher numeric = NUMERIC_DATE.matcher(text);
    while (numeric.find()) {
      if (order.isEmpty()) {
        // English numeric dates are ambiguous: their presence makes the whole date uncertain.
        return null;
      }
      int a = Integer.parseInt(numeric.group(1));
      int b = Integer.parseInt(numeric.group(2));
      boolean dayFirst = order.get(0).equals("day-month");
      int day = dayFirst ? a : b;
      int month = dayFirst ? b : a;
      // "ok" is also English, where 03/04 is ambiguous: only an unambiguous date is read then,
      // unless the note itself is written the French way ("le 05/01 à 8h").
      if (sharedWord && day <= 12 && day != month && !writtenTheFrenchWay(text)) {
        return null;
      }
      LocalDate date = date(numeric.group(3), month, day, today);
      if (date == null) {
        return null;
      }
      days.add(date);
    }
    return days.size() == 1 ? days.iterator().next() : null;
  }

  /**
   * Whether a note opened by a word both languages share reads as French: a time such as "8h" or
   * "10h30", or the article "le" before the date. English writes neither.
   */
  private static boolean writtenTheFrenchWay(String text) {
    return HOUR_H.matcher(text).find() || Lexicon.containsWords(text, "le");
  }

  /** Adds "14 mars", "1er mars", "March 14", "14 March 2025"; false when one is invalid. */
  private boolean writtenDates(String text, String language, LocalDate today, Set<LocalDate> days) {
    List<String> months = lexicon.phrases(WordList.MONTH, language);
    String[] tokens = text.split(" ");
    for (int t = 0; t < tokens.length; t++) {
      String token = ReplyReader.stripPunctuation(tokens[t]);
      int month = months.indexOf(token) + 1;
      if (month == 0 || month > 12) {
        continue;
      }
      Integer day = null;
      String year = null;
      if (t > 0) {
        day = dayNumber(tokens[t - 1]);
        if (day != null && t + 1 < tokens.length) {
          year = yearToken(tokens[t + 1]);
        }
      }
      if (day == null && t + 1 < tokens.length) {
        day = dayNumber(tokens[t + 1]);
        if (day != null && t + 2 < tokens.length) {
          year = yearToken(tokens[t + 2]);
        }
      }
      if (day == null) {
        // A month without a day ("en mars") is not a commitment.
        return false;
      }
      LocalDate date = date(year, month, day, today);
      if (date == null) {
        return false;
      }
      days.add(date);
    }
    return true;
  }

  private static @Nullable Integer dayNumber(String token) {
    Matcher m = DAY_NUMBER.matcher(ReplyReader.stripPunctuation(token));
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  private static @Nullable String yearToken(String token) {
    String t = ReplyReader.stripPunctuation(token);
    return YEAR.matcher(t).matches() ? t : null;
  }

  /** The date; without a year, its next occurrence on or after {@code today}. */
  private static @Nullable LocalDate date(
      @Nullable String year, int month, int day, LocalDate today) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    try {
      if (year != null) {
        int y = Integer.parseInt(year);
        return LocalDate.of(year.length() == 2 ? 2000 + y : y, month, day);
      }
      for (int y = today.getYear(); y <= today.getYear() + 8; y++) {
        LocalDate candidate = validDate(y, month, day);
        if (candidate != null && !candidate.isBefore(today)) {
          return candidate;
        }
      }
      return null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable LocalDate validDate(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
