package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link InstantTexts#format} writes what {@link Instant#toString} writes, for every instant. */
class InstantTextsTest {

  @Property
  void fourDigitYearsAreWrittenAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(InstantTexts.format(instant)).isEqualTo(instant.toString());
  }

  /** Whole milliseconds and microseconds, which a random nano-of-second seldom is. */
  @Property
  void roundFractionsAreWrittenAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(max = 999) int millis,
      @ForAll @IntRange(max = 999_999) int micros) {
    for (Instant instant :
        List.of(
            Instant.ofEpochSecond(seconds),
            Instant.ofEpochSecond(seconds, millis * 1_000_000L),
            Instant.ofEpochSecond(seconds, micros * 1_000L))) {
      assertThat(InstantTexts.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Property
  void anyInstantIsWrittenAsInstantToString(
      @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L)
          long seconds,
      @ForAll @IntRange(max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(InstantTexts.format(instant)).isEqualTo(instant.toString());
  }

  @Test
  void theEdgesOfTheFourDigitYearsAreWrittenAsInstantToString() {
    for (String text :
        List.of(
            "0000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.999Z",
            "1970-01-01T00:00:00Z",
            "2026-03-02T09:00:00.000001Z",
            "2026-03-02T09:00:00.100Z",
            "2024-02-29T12:34:56.123456789Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z")) {
      Instant instant = Instant.parse(text);
      assertThat(InstantTexts.format(instant)).as(text).isEqualTo(instant.toString());
    }
  }
}
