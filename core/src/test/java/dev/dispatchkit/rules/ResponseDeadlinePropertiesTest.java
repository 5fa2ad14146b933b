package dev.dispatchkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.ExpectedDate.OverlapChoice;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The response deadline is never after the expected date's lead time, nor before the dispatch. */
class ResponseDeadlinePropertiesTest {

  /** Zones with DST gaps and overlaps (half-hour ones too), zones without, and UTC. */
  private static final List<String> ZONES =
      List.of(
          "Europe/Paris",
          "America/New_York",
          "Australia/Lord_Howe",
          "America/Santiago",
          "Pacific/Chatham",
          "Asia/Kolkata",
          "Asia/Tokyo",
          "UTC");

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES).map(ZoneId::of);
  }

  @Provide
  Arbitrary<Duration> offsets() {
    // From two days before the dispatch to ten days after it, to the minute.
    return Arbitraries.longs().between(-2 * 24 * 60, 10 * 24 * 60).map(Duration::ofMinutes);
  }

  @Provide
  Arbitrary<Duration> leadTimes() {
    return Arbitraries.longs().between(1, 48 * 60).map(Duration::ofMinutes);
  }

  @Property(tries = 3000)
  void theDeadlineIsTheEarlierBoundButNeverBeforeTheDispatch(
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 0, max = 4 * 366 * 24 * 60) int minutesSince2024,
      @ForAll boolean nearAClockChange,
      @ForAll("offsets") Duration untilExpected,
      @ForAll("leadTimes") Duration lead,
      @ForAll Priority priority,
      @ForAll OverlapChoice choice) {
    Instant dispatchedAt = START.plus(Duration.ofMinutes(minutesSince2024));
    if (nearAClockChange) {
      // Half the runs dispatch within days of a DST change, so that the dates cross it.
      ZoneOffsetTransition next = zone.getRules().nextTransition(dispatchedAt);
      if (next != null) {
        dispatchedAt = next.getInstant().minus(Duration.ofMinutes(minutesSince2024 % (3 * 1440)));
      }
    }
    // The expected date is a local time at the site, as hosts give it: one in a gap is moved on
    // by the gap, one in an overlap takes the random choice.
    LocalDateTime local = dispatchedAt.atZone(zone).toLocalDateTime().plus(untilExpected);
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    if (valid.isEmpty()) {
      local = ZonedDateTime.ofLocal(local, zone, null).toLocalDateTime();
    }
    ExpectedDate expected = ExpectedDate.of(local, zone, choice);
    DispatchPolicies policies = DispatchPolicies.builder().responseLeadTime(lead).build();
    DispatchState state =
        new DispatchState(Status.OPEN, priority, dispatchedAt, expected, 0, false);

    Instant deadline = policies.responseDeadline(state);

    Instant byWindow = dispatchedAt.plus(policies.responseWindow(priority));
    Instant byLead = expected.instant().minus(lead);
    assertThat(deadline).isAfterOrEqualTo(dispatchedAt).isBeforeOrEqualTo(byWindow);
    if (byLead.isAfter(dispatchedAt)) {
      assertThat(deadline).isBeforeOrEqualTo(byLead).isIn(byWindow, byLead);
    } else {
      assertThat(deadline).isEqualTo(dispatchedAt);
    }
    // Never after the expected date, unless that was already past at the dispatch.
    assertThat(deadline.isAfter(expected.instant()))
        .isEqualTo(expected.instant().isBefore(dispatchedAt));
    // Overdue exactly past the deadline.
    assertThat(policies.isResponseOverdue(state, deadline)).isFalse();
    assertThat(policies.isResponseOverdue(state, deadline.plusNanos(1))).isTrue();
  }

  @Test
  void theDemoOrdersGetTheirAnswersDueBeforeTheVisit() {
    // A NON_URGENT order dispatched Monday 08:00 and expected Monday 11:00 in Paris: the answer
    // is due at 09:00 (two hours before), not Tuesday 08:00 (24 hours after).
    ZoneId paris = ZoneId.of("Europe/Paris");
    Instant monday8 = LocalDateTime.of(2026, 3, 2, 8, 0).atZone(paris).toInstant();
    DispatchState state =
        new DispatchState(
            Status.OPEN,
            Priority.NON_URGENT,
            monday8,
            ExpectedDate.of(LocalDateTime.of(2026, 3, 2, 11, 0), paris),
            0,
            false);
    assertThat(DispatchPolicies.defaults().responseDeadline(state))
        .isEqualTo(LocalDateTime.of(2026, 3, 2, 9, 0).atZone(paris).toInstant());
  }

  @Test
  void theLeadTimeAndTheShiftMustBePositive() {
    assertThatThrownBy(() -> DispatchPolicies.builder().responseLeadTime(Duration.ZERO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("responseLeadTime");
    assertThatThrownBy(() -> DispatchPolicies.builder().maxProposedDateShift(Duration.ofDays(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxProposedDateShift");
    assertThat(DispatchPolicies.defaults().responseLeadTime()).isEqualTo(Duration.ofHours(2));
    assertThat(DispatchPolicies.defaults().maxProposedDateShift()).isEqualTo(Duration.ofDays(30));
  }
}
