package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.ExpectedDate.LocalTime;
import dev.dispatchkit.workorder.ExpectedDate.OverlapChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.TimeZone;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Expected dates around daylight-saving changes, in zones with one-hour, half-hour, historical and
 * southern-hemisphere changes.
 */
class ExpectedDateTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** A local time near a zone's transition, and that transition. */
  record NearTransition(ZoneId zone, ZoneOffsetTransition transition, LocalDateTime local) {}

  @Provide
  Arbitrary<NearTransition> nearTransitions() {
    Arbitrary<ZoneId> zones =
        Arbitraries.of(
                "Europe/Paris",
                "America/New_York",
                "Australia/Lord_Howe",
                "America/Sao_Paulo",
                "Pacific/Chatham")
            .map(ZoneId::of);
    // 2000-2035: Sao Paulo's changes stop in 2019, Lord Howe's move by half an hour.
    Arbitrary<Long> seconds = Arbitraries.longs().between(946_684_800L, 2_051_222_400L);
    Arbitrary<Integer> minutes = Arbitraries.integers().between(-90, 90);
    return Combinators.combine(zones, seconds, minutes)
        .as(
            (zone, second, minute) -> {
              ZoneRules rules = zone.getRules();
              Instant instant = Instant.ofEpochSecond(second);
              ZoneOffsetTransition transition = rules.nextTransition(instant);
              if (transition == null) {
                transition = rules.previousTransition(instant);
              }
              LocalDateTime local = transition.getDateTimeBefore().plusMinutes(minute);
              return new NearTransition(zone, transition, local);
            });
  }

  @Property(tries = 2000)
  void aLocalTimeIsInAGapOrOverlapExactlyWhenTheTransitionSaysSo(
      @ForAll("nearTransitions") NearTransition near) {
    LocalDateTime before = near.transition().getDateTimeBefore();
    LocalDateTime after = near.transition().getDateTimeAfter();
    LocalDateTime local = near.local();
    LocalTime expected;
    if (near.transition().isGap()) {
      expected =
          !local.isBefore(before) && local.isBefore(after) ? LocalTime.GAP : LocalTime.REGULAR;
    } else {
      expected =
          !local.isBefore(after) && local.isBefore(before) ? LocalTime.OVERLAP : LocalTime.REGULAR;
    }
    assertThat(ExpectedDate.localTime(local, near.zone())).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void aGapIsAlwaysRefusedAndNeverMoved(@ForAll("nearTransitions") NearTransition near) {
    if (ExpectedDate.localTime(near.local(), near.zone()) != LocalTime.GAP) {
      return;
    }
    assertThatThrownBy(() -> ExpectedDate.of(near.local(), near.zone()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("does not exist in " + near.zone());
    for (OverlapChoice choice : OverlapChoice.values()) {
      assertThatThrownBy(() -> ExpectedDate.of(near.local(), near.zone(), choice))
          .isInstanceOf(ValidationException.class);
    }
  }

  @Property(tries = 2000)
  void anOverlapNeedsAnExplicitChoiceAndEachChoiceKeepsTheLocalTime(
      @ForAll("nearTransitions") NearTransition near) {
    if (ExpectedDate.localTime(near.local(), near.zone()) != LocalTime.OVERLAP) {
      return;
    }
    assertThatThrownBy(() -> ExpectedDate.of(near.local(), near.zone()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("happens twice");
    ExpectedDate earlier = ExpectedDate.of(near.local(), near.zone(), OverlapChoice.EARLIER);
    ExpectedDate later = ExpectedDate.of(near.local(), near.zone(), OverlapChoice.LATER);
    assertThat(earlier.isInOverlap()).isTrue();
    assertThat(earlier.zonedDateTime().toLocalDateTime()).isEqualTo(near.local());
    assertThat(later.zonedDateTime().toLocalDateTime()).isEqualTo(near.local());
    assertThat(Duration.between(earlier.instant(), later.instant()))
        .isEqualTo(near.transition().getDuration().negated());
    assertThat(earlier.offset()).isEqualTo(near.transition().getOffsetBefore());
    assertThat(later.offset()).isEqualTo(near.transition().getOffsetAfter());
  }

  @Property(tries = 2000)
  void aRegularLocalTimeNamesOneInstantThatShowsTheSameLocalTime(
      @ForAll("nearTransitions") NearTransition near) {
    if (ExpectedDate.localTime(near.local(), near.zone()) != LocalTime.REGULAR) {
      return;
    }
    ExpectedDate date = ExpectedDate.of(near.local(), near.zone());
    assertThat(date.instant().atZone(near.zone()).toLocalDateTime()).isEqualTo(near.local());
    assertThat(ExpectedDate.of(near.local(), near.zone(), OverlapChoice.LATER)).isEqualTo(date);
    assertThat(ExpectedDate.ofInstant(date.instant(), near.zone())).isEqualTo(date);
    assertThat(date.isInOverlap()).isFalse();
  }

  @Property(tries = 1000)
  void everyWholeMinuteInstantRoundTripsThroughItsLocalTime(
      @ForAll("nearTransitions") NearTransition near) {
    Instant instant = near.local().toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    ExpectedDate date = ExpectedDate.ofInstant(instant, near.zone());
    assertThat(date.instant()).isEqualTo(instant);
    assertThat(new ExpectedDate(date.localDateTime(), date.zone(), date.offset())).isEqualTo(date);
  }

  @Property(tries = 300)
  void theJvmDefaultZoneChangesNothing(
      @ForAll("nearTransitions") NearTransition near, @ForAll("defaultZones") String defaultZone) {
    TimeZone original = TimeZone.getDefault();
    LocalTime kind = ExpectedDate.localTime(near.local(), near.zone());
    String shown =
        kind == LocalTime.GAP
            ? "gap"
            : ExpectedDate.of(near.local(), near.zone(), OverlapChoice.LATER).instant().toString();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(defaultZone));
      assertThat(ExpectedDate.localTime(near.local(), near.zone())).isEqualTo(kind);
      String again =
          kind == LocalTime.GAP
              ? "gap"
              : ExpectedDate.of(near.local(), near.zone(), OverlapChoice.LATER)
                  .instant()
                  .toString();
      assertThat(again).isEqualTo(shown);
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Provide
  Arbitrary<String> defaultZones() {
    return Arbitraries.of(
        "UTC", "Asia/Kathmandu", "America/St_Johns", "Pacific/Kiritimati", "Europe/Paris");
  }

  @Test
  void parisSpringGapIsNamedInTheMessage() {
    assertThatThrownBy(() -> ExpectedDate.of(LocalDateTime.of(2026, 3, 29, 2, 30), PARIS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("2026-03-29T02:30 does not exist in Europe/Paris")
        .hasMessageContaining("clocks jump from 02:00 to 03:00");
  }

  @Test
  void parisAutumnOverlapResolvesOnlyByChoice() {
    LocalDateTime twice = LocalDateTime.of(2026, 10, 25, 2, 30);
    assertThat(ExpectedDate.localTime(twice, PARIS)).isEqualTo(LocalTime.OVERLAP);
    assertThat(ExpectedDate.of(twice, PARIS, OverlapChoice.EARLIER).instant())
        .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(ExpectedDate.of(twice, PARIS, OverlapChoice.LATER).instant())
        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
  }

  @Test
  void lordHoweMovesByHalfAnHour() {
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    // Lord Howe leaves daylight time on the first Sunday of April at 02:00 (+11:00 to +10:30).
    LocalDateTime twice = LocalDateTime.of(2026, 4, 5, 1, 45);
    assertThat(ExpectedDate.localTime(twice, lordHowe)).isEqualTo(LocalTime.OVERLAP);
    assertThat(
            Duration.between(
                ExpectedDate.of(twice, lordHowe, OverlapChoice.EARLIER).instant(),
                ExpectedDate.of(twice, lordHowe, OverlapChoice.LATER).instant()))
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void saoPauloStillKnowsItsFormerMidnightGap() {
    // Brazil's daylight time began at midnight until 2018: 2018-11-04T00:30 never happened.
    assertThat(
            ExpectedDate.localTime(
                LocalDateTime.of(2018, 11, 4, 0, 30), ZoneId.of("America/Sao_Paulo")))
        .isEqualTo(LocalTime.GAP);
    assertThat(
            ExpectedDate.localTime(
                LocalDateTime.of(2025, 11, 2, 0, 30), ZoneId.of("America/Sao_Paulo")))
        .isEqualTo(LocalTime.REGULAR);
  }

  @Test
  void expectedDatesAreWholeMinutesWithAnOffsetTheZoneAllows() {
    assertThatThrownBy(() -> ExpectedDate.of(LocalDateTime.of(2026, 5, 1, 10, 0, 30), PARIS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("whole minute");
    assertThatThrownBy(
            () ->
                new ExpectedDate(LocalDateTime.of(2026, 5, 1, 10, 0), PARIS, ZoneOffset.ofHours(1)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("+02:00");
  }
}
