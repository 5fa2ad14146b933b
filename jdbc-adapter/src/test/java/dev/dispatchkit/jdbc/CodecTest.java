package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Property
  void anyListOfStringsRoundTrips(@ForAll List<String> values) {
    assertThat(Fields.strings(Fields.strings(values))).isEqualTo(values);
  }

  @Property
  void anyHeaderMapRoundTrips(@ForAll Map<String, String> headers) {
    assertThat(Codec.headers(Codec.headers(headers))).isEqualTo(headers);
  }

  /** Instants of four-digit years, the shape that is read without {@link Instant#parse}. */
  @Property
  void instantsOfFourDigitYearsRoundTrip(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(Codec.instant(instant.toString())).isEqualTo(instant);
  }

  @Property
  void anyInstantRoundTrips(
      @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L)
          long seconds,
      @ForAll @IntRange(max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(Codec.instant(instant.toString())).isEqualTo(instant);
  }

  @Test
  void instantsAreReadAsInstantParseReadsThem() {
    for (String text :
        List.of(
            "2026-03-02T09:00:00Z",
            "2026-03-02T09:00:00.1Z",
            "2026-03-02T09:00:00.123456Z",
            "2026-03-02T09:00:00.123456789Z",
            "2024-02-29T23:59:59.999999Z",
            "0000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z",
            "2026-06-30T23:59:60Z",
            "2026-03-02T24:00:00Z",
            "2026-03-02T09:00:00.Z")) {
      assertThat(Codec.instant(text)).as(text).isEqualTo(Instant.parse(text));
    }
    for (String bad :
        List.of(
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-02T09:00:00.1234567890Z",
            "2026-03-02T09:00:00",
            "2026-03-02T09:0a:00Z")) {
      assertThatThrownBy(() -> Codec.instant(bad)).as(bad).isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void theEncodingIsLengthPrefixed() {
    assertThat(Fields.strings(List.of("a:b", "", "-"))).isEqualTo("1:33:a:b0:1:-");
    assertThat(new Fields.Writer().text(null).text("x").toString()).isEqualTo("-1:x");
  }

  @Test
  void corruptTextIsRefused() {
    for (String corrupt : List.of("", "2:1:a", "1:3:ab", "x:", "1:1:a1:b", "01")) {
      assertThatThrownBy(() -> Fields.strings(corrupt))
          .as(corrupt)
          .isInstanceOf(RuntimeException.class);
    }
    assertThatThrownBy(() -> Codec.event("1:21:Nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
