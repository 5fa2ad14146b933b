package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ExpectedDateRejectedException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.NteExceededException;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.workorder.ExpectedDate.OverlapChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code shown in {@code docs/concepts.md}. Each region between {@code tag::} and {@code end::}
 * markers appears there verbatim; {@code ConceptsDocTest} checks that it does.
 */
class ConceptsSnippetsTest {

  @Test
  void dispatchAcceptAndReplay() {
    // tag::dispatch[]
    ZoneId lyon = ZoneId.of("Europe/Paris");
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    ContactPerson alice = new ContactPerson("Alice Martin", "alice@client.example");

    Change dispatched =
        WorkOrder.dispatch(
            new WorkOrderCommand.Dispatch(
                TrackingNumber.of("100200"),
                SubscriberId.of("client-1"),
                ProviderId.of("acme-plumbing"),
                new Site("Store 112", "17 rue Bouchut, 69003 Lyon", "+33 4 72 00 00 00", lyon),
                new Problem("PLUMBING", "Leak under the sink", "Water on the floor."),
                Priority.URGENT,
                Nte.of("500.00", "EUR"),
                ExpectedDate.of(LocalDateTime.of(2026, 3, 4, 10, 0), lyon),
                List.of(alice)),
            clock.instant());
    WorkOrder order = dispatched.after(); // OPEN, version 1

    Change accepted = order.handle(new WorkOrderCommand.Accept(), clock.instant());
    // accepted.after(): IN_PROGRESS/DISPATCH_CONFIRMED, version 2
    // accepted.event(): WorkOrderEvent.Accepted, to store with it
    // end::dispatch[]

    // tag::replay[]
    List<WorkOrderEvent> timeline = List.of(dispatched.event(), accepted.event());
    WorkOrder rebuilt = WorkOrder.replay(timeline); // equals accepted.after()
    // end::replay[]

    assertThat(order.status()).isEqualTo(Status.OPEN);
    assertThat(accepted.after().status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(accepted.after().version()).isEqualTo(2);
    assertThat(rebuilt).isEqualTo(accepted.after());
    assertThat(alice).isIn(order.contacts());
  }

  @Test
  void askFirst() {
    WorkOrder order = Fixtures.inStatus(Status.PENDING_CONFIRMATION, false);
    Instant now = Fixtures.T0;
    List<String> shown = new ArrayList<>();
    // tag::ask-first[]
    if (order.allowedCommands().contains(CommandKind.CANCEL)) {
      order = order.handle(new WorkOrderCommand.Cancel("Store closed"), now).after();
    } else {
      shown.add("Cannot cancel a work order that is " + order.status());
    }
    // end::ask-first[]
    assertThat(shown)
        .containsExactly("Cannot cancel a work order that is COMPLETED/PENDING_CONFIRMATION");

    WorkOrder completed = order;
    // tag::illegal[]
    try {
      completed.handle(new WorkOrderCommand.Decline(DeclineReason.CANT_MAKE_DATE, null), now);
    } catch (IllegalTransitionException e) {
      // e.trackingNumber() 100200, e.status() COMPLETED/PENDING_CONFIRMATION,
      // e.command() DECLINE; completed is unchanged
    }
    // end::illegal[]
    assertThatThrownBy(
            () ->
                completed.handle(
                    new WorkOrderCommand.Decline(DeclineReason.CANT_MAKE_DATE, null), now))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void changeExpectedDate() {
    WorkOrder order = Fixtures.dispatched();
    ZoneId lyon = order.site().zone();
    ContactPerson alice = Fixtures.ALICE;
    Instant now = Fixtures.T0;
    // tag::reschedule[]
    ExpectedDate friday = ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 14, 30), lyon);
    try {
      order =
          order
              .handle(
                  new WorkOrderCommand.ChangeExpectedDate(friday, "Part arrives Friday", alice),
                  now)
              .after(); // rescheduleCount + 1
    } catch (ExpectedDateRejectedException e) {
      // e.violations(): every rule broken, such as [NOTE_BLANK, NOT_AFTER_NOW]
    }
    // end::reschedule[]
    assertThat(order.rescheduleCount()).isEqualTo(1);

    // tag::dst[]
    LocalDateTime twice = LocalDateTime.of(2026, 10, 25, 2, 30); // clocks go back at 03:00
    ExpectedDate.localTime(twice, lyon); // OVERLAP
    // ExpectedDate.of(twice, lyon) throws ValidationException: "happens twice ... say which"
    ExpectedDate summerTime = ExpectedDate.of(twice, lyon, OverlapChoice.EARLIER); // 00:30Z
    // ExpectedDate.of(LocalDateTime.of(2026, 3, 29, 2, 30), lyon) throws: it does not exist
    // end::dst[]
    assertThat(ExpectedDate.localTime(twice, lyon)).isEqualTo(ExpectedDate.LocalTime.OVERLAP);
    assertThat(summerTime.instant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
  }

  @Test
  void nteAndFlags() {
    WorkOrder order = Fixtures.dispatched();
    Clock clock = Clock.fixed(Fixtures.T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    // tag::nte[]
    Nte nte = Nte.of("500.00", "EUR");
    NteCheck check = nte.check(Money.of("612.40", "EUR")); // asks, never throws
    // check.exceeded() true, check.excess() 112.40 EUR
    try {
      nte.requireWithin(Money.of("612.40", "EUR")); // refuses
    } catch (NteExceededException e) {
      // e.excess() 112.40 EUR
    }
    // end::nte[]
    assertThat(check.excess()).isEqualTo(Money.of("112.40", "EUR"));
    WorkOrder accepted = order.handle(new WorkOrderCommand.Accept(), Fixtures.T0).after();
    Instant now = Fixtures.T0.plusSeconds(60);
    // tag::nte-increase[]
    WorkOrder asked =
        accepted
            .handle(new WorkOrderCommand.RequestNteIncrease(Nte.of("750", "EUR"), "siphon"), now)
            .after(); // asked.pendingNteIncrease() holds 750.00 EUR; the NTE in force stays
    WorkOrder raised = asked.handle(new WorkOrderCommand.ApproveNteIncrease("OK"), now).after();
    raised.nte().requireWithin(Money.of("612.40", "EUR")); // fits now
    // end::nte-increase[]
    assertThat(asked.nte()).isEqualTo(accepted.nte());
    assertThat(raised.nte()).isEqualTo(Nte.of("750.00", "EUR"));

    // tag::flags[]
    DispatchPolicies policies =
        DispatchPolicies.builder()
            .responseWindow(Priority.URGENT, Duration.ofMinutes(30))
            .responseWindow(Priority.NON_URGENT, Duration.ofHours(24))
            .rescheduleLimit(2)
            .build();
    WorkOrderFlags flags = policies.flags(DispatchState.of(order), clock);
    if (flags.reassignable()) {
      // offer "Reassign" in the host's UI
    }
    // end::flags[]
    assertThat(flags.responseOverdue()).isTrue();
    assertThat(flags.reassignable()).isTrue();

    now = Fixtures.T0.plus(Duration.ofHours(2));
    // tag::arrival[]
    DispatchPolicies windows =
        DispatchPolicies.builder()
            .arrivalWindow(Priority.URGENT, Duration.ofHours(4)) // on site 4 h after dispatch
            .arrivalWindow(Priority.NON_URGENT, Duration.ofDays(3))
            .build();
    Instant onSiteBy = windows.arrivalDeadline(Priority.URGENT, now); // now + 4 h
    // end::arrival[]
    assertThat(onSiteBy).isEqualTo(now.plus(Duration.ofHours(4)));
  }

  @Test
  void rejectedCompletion() {
    WorkOrder completed = Fixtures.inStatus(Status.PENDING_CONFIRMATION, false);
    Instant now = Fixtures.T0.plus(Duration.ofDays(3));
    // tag::reject-completion[]
    Change reopened =
        completed.handle(new WorkOrderCommand.RejectCompletion("The tap still drips"), now);
    // reopened.after(): IN_PROGRESS/INCOMPLETE; reopened.event(): CompletionRejected
    // end::reject-completion[]
    assertThat(reopened.after().status()).isEqualTo(Status.INCOMPLETE);
    assertThat(reopened.event()).isInstanceOf(WorkOrderEvent.CompletionRejected.class);
  }
}
