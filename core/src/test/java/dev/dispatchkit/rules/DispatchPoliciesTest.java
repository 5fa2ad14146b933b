package dev.dispatchkit.rules;

import static dev.dispatchkit.workorder.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.Fixtures;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DispatchPoliciesTest {

  private final DispatchPolicies defaults = DispatchPolicies.defaults();

  @Test
  void arrivalWindowsHaveSaneDefaultsAndRefuseZeroOrLess() {
    DispatchPolicies defaults = DispatchPolicies.defaults();
    assertThat(defaults.arrivalWindow(Priority.URGENT)).isEqualTo(Duration.ofHours(4));
    assertThat(defaults.arrivalWindow(Priority.NON_URGENT)).isEqualTo(Duration.ofDays(3));
    // Rounded up to the next whole minute: expected dates are whole minutes.
    assertThat(defaults.arrivalDeadline(Priority.URGENT, T0.plusSeconds(10)))
        .isEqualTo(T0.plus(Duration.ofHours(4)).plusSeconds(60));
    assertThat(defaults.arrivalDeadline(Priority.URGENT, T0))
        .isEqualTo(T0.plus(Duration.ofHours(4)));
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMinutes(-1)}) {
      assertThatThrownBy(() -> DispatchPolicies.builder().arrivalWindow(Priority.URGENT, bad))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("arrivalWindow.URGENT"));
    }
    assertThat(
            DispatchPolicies.builder()
                .arrivalWindow(Priority.NON_URGENT, Duration.ofHours(8))
                .build()
                .arrivalWindow(Priority.NON_URGENT))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void anUndeliveredOrderIsFlaggedAndReassignable() {
    WorkOrder undelivered =
        Fixtures.inStatus(Status.OPEN, false)
            .handle(new WorkOrderCommand.MarkUndelivered(), T0.plusSeconds(60))
            .after();
    WorkOrderFlags flags =
        DispatchPolicies.defaults().flags(DispatchState.of(undelivered), T0.plusSeconds(120));
    assertThat(flags.undelivered()).isTrue();
    assertThat(flags.responseOverdue()).isFalse();
    assertThat(flags.reassignable()).isTrue();
  }

  @Test
  void defaultsAreThirtyMinutesOneDayAndTwoReschedules() {
    assertThat(defaults.responseWindow(Priority.URGENT)).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.responseWindow(Priority.NON_URGENT)).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.rescheduleLimit()).isEqualTo(2);
  }

  @Test
  void theBuilderRejectsABadSettingAtOnce() {
    DispatchPolicies.Builder builder = DispatchPolicies.builder();
    assertThatThrownBy(() -> builder.responseWindow(Priority.URGENT, Duration.ZERO))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("responseWindow.URGENT"));
    assertThatThrownBy(() -> builder.responseWindow(Priority.NON_URGENT, Duration.ofHours(-1)))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.rescheduleLimit(-1))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("rescheduleLimit"));
    assertThatThrownBy(
            () ->
                new DispatchPolicies(
                    Map.of(Priority.URGENT, Duration.ofMinutes(5)),
                    DispatchPolicies.defaults().arrivalWindows(),
                    1,
                    DispatchPolicies.DEFAULT_RESPONSE_LEAD_TIME,
                    DispatchPolicies.DEFAULT_MAX_PROPOSED_DATE_SHIFT))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("responseWindow.NON_URGENT"));
  }

  @Test
  void anUrgentOrderIsOverdueOnlyAfterItsWindow() {
    WorkOrder open = Fixtures.dispatched(); // URGENT, dispatched at T0
    Instant deadline = T0.plus(Duration.ofMinutes(30));
    assertThat(defaults.responseDeadline(DispatchState.of(open))).isEqualTo(deadline);
    assertThat(defaults.isResponseOverdue(DispatchState.of(open), deadline)).isFalse();
    assertThat(defaults.isResponseOverdue(DispatchState.of(open), deadline.plusSeconds(1)))
        .isTrue();
  }

  @Test
  void aNonUrgentOrderGetsADay() {
    WorkOrder open =
        WorkOrder.dispatch(Fixtures.dispatchCommand("100300", Priority.NON_URGENT), T0).after();
    assertThat(defaults.isResponseOverdue(DispatchState.of(open), T0.plus(Duration.ofHours(23))))
        .isFalse();
    assertThat(defaults.isResponseOverdue(DispatchState.of(open), T0.plus(Duration.ofHours(25))))
        .isTrue();
  }

  @Test
  void aDeclinedOrAcceptedOrderIsNotResponseOverdue() {
    Instant muchLater = T0.plus(Duration.ofHours(3));
    assertThat(
            defaults.isResponseOverdue(
                DispatchState.of(Fixtures.inStatus(Status.DECLINED, false)), muchLater))
        .isFalse();
    assertThat(
            defaults.isResponseOverdue(
                DispatchState.of(Fixtures.inStatus(Status.DISPATCH_CONFIRMED, false)), muchLater))
        .isFalse();
  }

  @Test
  void reassignmentRestartsTheResponseClock() {
    Instant reassignedAt = T0.plus(Duration.ofHours(2));
    WorkOrder reassigned =
        Fixtures.dispatched()
            .handle(new WorkOrderCommand.Reassign(ProviderId.of("bravo")), reassignedAt)
            .after();
    assertThat(
            defaults.isResponseOverdue(DispatchState.of(reassigned), reassignedAt.plusSeconds(60)))
        .isFalse();
    assertThat(defaults.responseDeadline(DispatchState.of(reassigned)))
        .isEqualTo(reassignedAt.plus(Duration.ofMinutes(30)));
  }

  @Test
  void lateMeansTheDateHasPassedAndNobodyIsOnSiteNorDone() {
    Instant afterDate = Fixtures.EXPECTED.instant().plusSeconds(60);
    Instant beforeDate = Fixtures.EXPECTED.instant().minusSeconds(60);
    for (Status status : Status.all()) {
      WorkOrder order = Fixtures.inStatus(status, false);
      boolean expected =
          !status.equals(Status.ON_SITE)
              && !status.equals(Status.PENDING_CONFIRMATION)
              && !status.equals(Status.CONFIRMED)
              && !status.equals(Status.CANCELLED);
      assertThat(defaults.isLate(DispatchState.of(order), afterDate))
          .as("%s", status)
          .isEqualTo(expected);
      assertThat(defaults.isLate(DispatchState.of(order), beforeDate)).as("%s", status).isFalse();
    }
  }

  @Test
  void moreChangesThanTheLimitIsTooOften() {
    WorkOrder order = Fixtures.dispatched();
    Instant now = T0;
    for (int i = 1; i <= 3; i++) {
      order =
          order
              .handle(
                  Fixtures.validCommand(
                      dev.dispatchkit.workorder.CommandKind.CHANGE_EXPECTED_DATE, order),
                  now)
              .after();
      assertThat(defaults.isRescheduledTooOften(DispatchState.of(order)))
          .as("after %d changes", i)
          .isEqualTo(i > 2);
    }
    assertThat(
            DispatchPolicies.builder()
                .rescheduleLimit(3)
                .build()
                .isRescheduledTooOften(DispatchState.of(order)))
        .isFalse();
  }

  @Test
  void reassignableWhenDeclinedOverdueLateOrRescheduledTooOftenAndTheTableAllowsIt() {
    Instant soon = T0.plusSeconds(60);
    assertThat(defaults.flags(DispatchState.of(Fixtures.dispatched()), soon).reassignable())
        .isFalse();
    assertThat(
            defaults
                .flags(DispatchState.of(Fixtures.inStatus(Status.DECLINED, false)), soon)
                .reassignable())
        .isTrue();
    assertThat(
            defaults
                .flags(DispatchState.of(Fixtures.dispatched()), T0.plus(Duration.ofHours(1)))
                .reassignable())
        .isTrue();
    Instant afterDate = Fixtures.EXPECTED.instant().plusSeconds(60);
    assertThat(
            defaults.flags(
                DispatchState.of(Fixtures.inStatus(Status.DISPATCH_CONFIRMED, false)), afterDate))
        .isEqualTo(
            new WorkOrderFlags(false, true, false, true, T0.plus(Duration.ofMinutes(30)), false));
    // Late, but the table allows no reassignment once parts are on order.
    assertThat(
            defaults.flags(
                DispatchState.of(Fixtures.inStatus(Status.PARTS_ON_ORDER, false)), afterDate))
        .isEqualTo(
            new WorkOrderFlags(false, true, false, false, T0.plus(Duration.ofMinutes(30)), false));
  }

  @Test
  void flagsAtAClockEqualFlagsAtItsInstant() {
    Instant at = T0.plus(Duration.ofMinutes(45));
    Clock clock = Clock.fixed(at, ZoneId.of("Asia/Kathmandu"));
    WorkOrder order = Fixtures.dispatched();
    assertThat(defaults.flags(DispatchState.of(order), clock))
        .isEqualTo(defaults.flags(DispatchState.of(order), at));
    assertThat(defaults.flags(DispatchState.of(order), clock).responseOverdue()).isTrue();
  }

  @Property(tries = 300)
  void overdueExactlyWhenMoreTimeThanTheWindowHasPassed(
      @ForAll @IntRange(min = 1, max = 3000) int windowMinutes,
      @ForAll @IntRange(min = 0, max = 6000) int elapsedMinutes) {
    DispatchPolicies policies =
        DispatchPolicies.builder()
            .responseWindow(Priority.URGENT, Duration.ofMinutes(windowMinutes))
            .build();
    WorkOrder open = Fixtures.dispatched();
    Instant now = T0.plus(Duration.ofMinutes(elapsedMinutes));
    // The answer is due at the window's end, or the lead time before the expected date if sooner.
    long byLead =
        Duration.between(T0, Fixtures.EXPECTED.instant().minus(policies.responseLeadTime()))
            .toMinutes();
    long dueAfter = Math.min(windowMinutes, byLead);
    assertThat(policies.isResponseOverdue(DispatchState.of(open), now))
        .isEqualTo(elapsedMinutes > dueAfter);
    assertThat(policies.flags(DispatchState.of(open), now).reassignable())
        .isEqualTo(elapsedMinutes > dueAfter || now.isAfter(Fixtures.EXPECTED.instant()));
  }
}
