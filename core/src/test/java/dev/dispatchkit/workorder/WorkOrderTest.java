package dev.dispatchkit.workorder;

import static dev.dispatchkit.workorder.Fixtures.ALICE;
import static dev.dispatchkit.workorder.Fixtures.OTHER_PROVIDER;
import static dev.dispatchkit.workorder.Fixtures.PARIS;
import static dev.dispatchkit.workorder.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ExpectedDateRejectedException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.WorkOrderCommand.Accept;
import dev.dispatchkit.workorder.WorkOrderCommand.AddAttachment;
import dev.dispatchkit.workorder.WorkOrderCommand.AddNote;
import dev.dispatchkit.workorder.WorkOrderCommand.ApproveNteIncrease;
import dev.dispatchkit.workorder.WorkOrderCommand.Cancel;
import dev.dispatchkit.workorder.WorkOrderCommand.ChangeExpectedDate;
import dev.dispatchkit.workorder.WorkOrderCommand.CheckIn;
import dev.dispatchkit.workorder.WorkOrderCommand.Decline;
import dev.dispatchkit.workorder.WorkOrderCommand.Reassign;
import dev.dispatchkit.workorder.WorkOrderCommand.RecordDispatchMessage;
import dev.dispatchkit.workorder.WorkOrderCommand.RejectNteIncrease;
import dev.dispatchkit.workorder.WorkOrderCommand.RequestNteIncrease;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkOrderTest {

  private static final Instant LATER = T0.plus(Duration.ofMinutes(10));

  @Test
  void dispatchCreatesAnOpenWorkOrderAtVersionOneWithAFullFirstEvent() {
    Change change = WorkOrder.dispatch(Fixtures.dispatchCommand(), T0);

    WorkOrder order = change.after();
    assertThat(order.status()).isEqualTo(Status.OPEN);
    assertThat(order.version()).isEqualTo(1);
    assertThat(order.dispatchedAt()).isEqualTo(T0);
    assertThat(order.dispatchMessageId()).isNull();
    assertThat(order.rescheduleCount()).isZero();
    assertThat(change.event())
        .isInstanceOfSatisfying(
            WorkOrderEvent.Dispatched.class,
            e -> {
              assertThat(e.version()).isEqualTo(1);
              assertThat(e.site()).isEqualTo(Fixtures.SITE);
              assertThat(e.contacts()).containsExactly(ALICE, Fixtures.BOB);
              assertThat(e.nte()).isEqualTo(Fixtures.NTE);
            });
    assertThat(WorkOrder.replay(List.of(change.event()))).isEqualTo(order);
  }

  @Test
  void dispatchRefusesAnExpectedDateOutsideTheSiteZone() {
    ExpectedDate newYork =
        ExpectedDate.of(
            LocalDateTime.of(2026, 3, 4, 10, 0), java.time.ZoneId.of("America/New_York"));
    assertThatThrownBy(
            () ->
                new WorkOrderCommand.Dispatch(
                    TrackingNumber.of("100200"),
                    SubscriberId.of("client-1"),
                    Fixtures.PROVIDER,
                    Fixtures.SITE,
                    Fixtures.PROBLEM,
                    Priority.URGENT,
                    Fixtures.NTE,
                    newYork,
                    List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("site in Europe/Paris");
  }

  @Test
  void dispatchRefusesTwoContactsWithTheSameAddress() {
    ContactPerson shouting = new ContactPerson("Alice again", "ALICE@client.example");
    assertThatThrownBy(
            () ->
                new WorkOrderCommand.Dispatch(
                    TrackingNumber.of("100200"),
                    SubscriberId.of("client-1"),
                    Fixtures.PROVIDER,
                    Fixtures.SITE,
                    Fixtures.PROBLEM,
                    Priority.URGENT,
                    Fixtures.NTE,
                    Fixtures.EXPECTED,
                    List.of(ALICE, shouting)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("share an email address");
  }

  @Test
  void acceptRecordsWhenTheProviderAccepted() {
    WorkOrder accepted = Fixtures.dispatched().handle(new Accept(), LATER).after();
    assertThat(accepted.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(accepted.acceptedAt()).isEqualTo(LATER);
  }

  @Test
  void declineKeepsTheReasonWhileDeclinedAndAcceptClearsIt() {
    WorkOrder declined =
        Fixtures.dispatched()
            .handle(new Decline(DeclineReason.NTE_TOO_LOW, "Needs a new pump"), LATER)
            .after();
    assertThat(declined.status()).isEqualTo(Status.DECLINED);
    assertThat(declined.decline())
        .isEqualTo(new DeclineDetails(DeclineReason.NTE_TOO_LOW, "Needs a new pump", LATER));

    WorkOrder reconsidered = declined.handle(new Accept(), LATER.plusSeconds(60)).after();
    assertThat(reconsidered.decline()).isNull();
  }

  @Test
  void declineWithReasonOtherNeedsAText() {
    assertThatThrownBy(() -> new Decline(DeclineReason.OTHER, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("OTHER needs a text");
    assertThat(new Decline(null, null).reason()).isNull();
  }

  @Test
  void reassignRestartsTheResponseClockAndForgetsTheFormerProvider() {
    WorkOrder order = Fixtures.dispatched();
    order = order.handle(new RecordDispatchMessage("m1@dispatch.example"), T0).after();
    order = order.handle(new Accept(), LATER).after();
    order =
        order.handle(Fixtures.validCommand(CommandKind.CHANGE_EXPECTED_DATE, order), LATER).after();
    order =
        order.handle(Fixtures.validCommand(CommandKind.REQUEST_NTE_INCREASE, order), LATER).after();
    Instant reassignedAt = LATER.plus(Duration.ofHours(1));

    Change change = order.handle(new Reassign(OTHER_PROVIDER), reassignedAt);

    WorkOrder after = change.after();
    assertThat(after.status()).isEqualTo(Status.OPEN);
    assertThat(after.provider()).isEqualTo(OTHER_PROVIDER);
    assertThat(after.dispatchedAt()).isEqualTo(reassignedAt);
    assertThat(after.acceptedAt()).isNull();
    assertThat(after.dispatchMessageId()).isNull();
    assertThat(after.pendingNteIncrease()).isNull();
    assertThat(after.rescheduleCount()).isZero();
    assertThat(after.expectedDate()).isEqualTo(order.expectedDate());
    assertThat(change.event())
        .isEqualTo(
            new WorkOrderEvent.Reassigned(
                order.trackingNumber(),
                order.version() + 1,
                reassignedAt,
                Fixtures.PROVIDER,
                OTHER_PROVIDER));
  }

  @Test
  void reassignToTheCurrentProviderIsRefused() {
    WorkOrder order = Fixtures.dispatched();
    assertThatThrownBy(() -> order.handle(new Reassign(Fixtures.PROVIDER), LATER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("already with provider acme-plumbing");
  }

  @Test
  void changeExpectedDateCountsTheChangeAndRecordsNoteAndContact() {
    WorkOrder order = Fixtures.dispatched();
    ExpectedDate friday = ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 14, 30), PARIS);

    Change change =
        order.handle(new ChangeExpectedDate(friday, "Part arrives Friday", ALICE), LATER);

    assertThat(change.after().expectedDate()).isEqualTo(friday);
    assertThat(change.after().rescheduleCount()).isEqualTo(1);
    assertThat(change.event())
        .isEqualTo(
            new WorkOrderEvent.ExpectedDateChanged(
                order.trackingNumber(),
                2,
                LATER,
                Fixtures.EXPECTED,
                friday,
                "Part arrives Friday",
                ALICE,
                1));
  }

  @Test
  void changeExpectedDateListsEveryBrokenRuleAndChangesNothing() {
    WorkOrder order = Fixtures.dispatched();
    ExpectedDate past = ExpectedDate.of(LocalDateTime.of(2026, 3, 1, 9, 0), PARIS);
    ContactPerson stranger = new ContactPerson("Eve", "eve@elsewhere.example");

    assertThatThrownBy(() -> order.handle(new ChangeExpectedDate(past, "  ", stranger), LATER))
        .isInstanceOfSatisfying(
            ExpectedDateRejectedException.class,
            e -> {
              assertThat(e.trackingNumber()).isEqualTo(order.trackingNumber());
              assertThat(e.violations())
                  .containsExactly(
                      ExpectedDateViolation.NOTE_BLANK,
                      ExpectedDateViolation.NOT_AFTER_NOW,
                      ExpectedDateViolation.CONTACT_NOT_ON_WORK_ORDER);
            });
    assertThat(order.version()).isEqualTo(1);
  }

  @Test
  void notesAndAttachmentsAreKeptInOrder() {
    WorkOrder order = Fixtures.dispatched();
    order = order.handle(new AddNote("Gate code 1234", NoteAuthor.CLIENT), LATER).after();
    order = order.handle(new AddAttachment(Fixtures.attachment("a1")), LATER).after();
    order =
        order.handle(new AddNote("On my way", NoteAuthor.PROVIDER), LATER.plusSeconds(1)).after();

    assertThat(order.notes()).extracting(Note::text).containsExactly("Gate code 1234", "On my way");
    assertThat(order.notes().get(0).at()).isEqualTo(LATER);
    assertThat(order.attachments()).extracting(AttachmentRef::id).containsExactly("a1");
  }

  @Test
  void anAttachmentIdCannotBeAddedTwice() {
    WorkOrder order =
        Fixtures.dispatched().handle(new AddAttachment(Fixtures.attachment("a1")), LATER).after();
    assertThatThrownBy(() -> order.handle(new AddAttachment(Fixtures.attachment("a1")), LATER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("already has attachment a1");
  }

  @Test
  void notesAreStillAcceptedOnACancelledWorkOrder() {
    WorkOrder cancelled = Fixtures.dispatched().handle(new Cancel(null), LATER).after();
    WorkOrder noted =
        cancelled.handle(new AddNote("Invoice voided", NoteAuthor.CLIENT), LATER).after();
    assertThat(noted.status()).isEqualTo(Status.CANCELLED);
    assertThat(noted.notes()).hasSize(1);
  }

  @Test
  void approvedNteIncreaseBecomesTheNte() {
    WorkOrder order = Fixtures.dispatched().handle(new Accept(), LATER).after();
    Nte raised = Nte.of("750.00", "EUR");
    order = order.handle(new RequestNteIncrease(raised, "Pump replacement"), LATER).after();
    assertThat(order.pendingNteIncrease())
        .isEqualTo(new NteIncreaseRequest(raised, "Pump replacement", LATER));

    Change approval = order.handle(new ApproveNteIncrease(), LATER.plusSeconds(5));

    assertThat(approval.after().nte()).isEqualTo(raised);
    assertThat(approval.after().pendingNteIncrease()).isNull();
    assertThat(approval.event())
        .isInstanceOfSatisfying(
            WorkOrderEvent.NteIncreaseApproved.class,
            e -> {
              assertThat(e.previousNte()).isEqualTo(Fixtures.NTE);
              assertThat(e.nte()).isEqualTo(raised);
            });
  }

  @Test
  void rejectedNteIncreaseLeavesTheNte() {
    WorkOrder order = Fixtures.dispatched();
    order =
        order.handle(new RequestNteIncrease(Nte.of("900", "EUR"), "Scaffolding"), LATER).after();
    WorkOrder after = order.handle(new RejectNteIncrease("Not in budget"), LATER).after();
    assertThat(after.nte()).isEqualTo(Fixtures.NTE);
    assertThat(after.pendingNteIncrease()).isNull();
  }

  @Test
  void anNteIncreaseMustGoUpInTheSameCurrency() {
    WorkOrder order = Fixtures.dispatched();
    assertThatThrownBy(() -> order.handle(new RequestNteIncrease(Nte.of("500", "EUR"), "x"), LATER))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is not above the NTE of 500.00 EUR");
    assertThatThrownBy(() -> order.handle(new RequestNteIncrease(Nte.of("900", "USD"), "x"), LATER))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void cancelDropsAPendingNteRequest() {
    WorkOrder order = Fixtures.inStatus(Status.ON_SITE, true);
    WorkOrder cancelled = order.handle(new Cancel("Store closed"), LATER).after();
    assertThat(cancelled.status()).isEqualTo(Status.CANCELLED);
    assertThat(cancelled.pendingNteIncrease()).isNull();
  }

  @Test
  void checkInRecordsTheArrival() {
    WorkOrder order = Fixtures.inStatus(Status.DISPATCH_CONFIRMED, false);
    WorkOrder onSite = order.handle(new CheckIn(), LATER).after();
    assertThat(onSite.status()).isEqualTo(Status.ON_SITE);
    assertThat(onSite.checkedInAt()).isEqualTo(LATER);
  }

  @Test
  void instantsAreKeptToTheMicrosecond() {
    Instant withNanos = Instant.parse("2026-03-02T08:00:00.123456789Z");
    Change change = Fixtures.dispatched().handle(new Accept(), withNanos);
    assertThat(change.event().at()).isEqualTo(Instant.parse("2026-03-02T08:00:00.123456Z"));
    assertThat(change.after().acceptedAt()).isEqualTo(change.event().at());
  }

  @Test
  void replayOfAWholeLifeGivesTheSameWorkOrder() {
    List<WorkOrderEvent> timeline = new ArrayList<>();
    Change change = WorkOrder.dispatch(Fixtures.dispatchCommand(), T0);
    timeline.add(change.event());
    WorkOrder order = change.after();
    List<WorkOrderCommand> commands =
        List.of(
            new RecordDispatchMessage("m1@dispatch.example"),
            new Decline(DeclineReason.CANT_MAKE_DATE, null),
            new Reassign(OTHER_PROVIDER),
            new Accept(),
            new ChangeExpectedDate(
                ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 8, 0), PARIS), "Earlier slot", ALICE),
            new CheckIn(),
            new RequestNteIncrease(Nte.of("650", "EUR"), "Extra valve"),
            new ApproveNteIncrease(),
            new WorkOrderCommand.Complete(),
            new AddAttachment(Fixtures.attachment("invoice")),
            new WorkOrderCommand.Confirm(),
            new AddNote("Paid", NoteAuthor.CLIENT));
    Instant at = T0;
    for (WorkOrderCommand command : commands) {
      at = at.plus(Duration.ofMinutes(7));
      change = order.handle(command, at);
      timeline.add(change.event());
      order = change.after();
    }

    assertThat(order.status()).isEqualTo(Status.CONFIRMED);
    assertThat(order.version()).isEqualTo(commands.size() + 1);
    assertThat(WorkOrder.replay(timeline)).isEqualTo(order);
  }

  @Test
  void replayRefusesATimelineWithAGapOrAForeignEvent() {
    Change dispatched = WorkOrder.dispatch(Fixtures.dispatchCommand(), T0);
    WorkOrderEvent skipped =
        new WorkOrderEvent.Accepted(dispatched.after().trackingNumber(), 3, T0);
    WorkOrderEvent foreign = new WorkOrderEvent.Accepted(TrackingNumber.of("999999"), 2, T0);

    assertThatThrownBy(() -> WorkOrder.replay(List.of(dispatched.event(), skipped)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkOrder.replay(List.of(dispatched.event(), foreign)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkOrder.replay(List.of(skipped)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must start with a Dispatched event");
    assertThatThrownBy(() -> WorkOrder.replay(List.of())).isInstanceOf(ValidationException.class);
  }

  @Test
  void replayRefusesAnEventTheTableForbids() {
    Change dispatched = WorkOrder.dispatch(Fixtures.dispatchCommand(), T0);
    WorkOrderEvent confirmed =
        new WorkOrderEvent.Confirmed(dispatched.after().trackingNumber(), 2, T0);
    assertThatThrownBy(() -> WorkOrder.replay(List.of(dispatched.event(), confirmed)))
        .isInstanceOf(dev.dispatchkit.error.IllegalTransitionException.class);
  }

  @Test
  void theCanonicalConstructorRebuildsAnEqualWorkOrderFromItsFields() {
    WorkOrder order = Fixtures.dispatched().handle(new Accept(), LATER).after();
    WorkOrder rebuilt =
        new WorkOrder(
            order.trackingNumber(),
            order.subscriber(),
            order.provider(),
            order.site(),
            order.problem(),
            order.priority(),
            order.nte(),
            order.expectedDate(),
            order.status(),
            new ArrayList<>(order.contacts()),
            new ArrayList<>(order.notes()),
            new ArrayList<>(order.attachments()),
            order.rescheduleCount(),
            order.dispatchMessageId(),
            order.version(),
            order.dispatchedAt(),
            order.acceptedAt(),
            order.checkedInAt(),
            order.decline(),
            order.pendingNteIncrease(),
            order.undelivered());
    assertThat(rebuilt).isEqualTo(order).hasSameHashCodeAs(order);
  }

  @Test
  void theCanonicalConstructorRefusesImpossibleStoredStates() {
    WorkOrder open = Fixtures.inStatus(Status.OPEN, false);
    assertThatThrownBy(
            () ->
                new WorkOrder(
                    open.trackingNumber(),
                    open.subscriber(),
                    open.provider(),
                    open.site(),
                    open.problem(),
                    open.priority(),
                    open.nte(),
                    open.expectedDate(),
                    Status.DECLINED,
                    open.contacts(),
                    open.notes(),
                    open.attachments(),
                    -1,
                    "<bad id>",
                    0,
                    open.dispatchedAt(),
                    T0,
                    null,
                    null,
                    null,
                    true))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .anyMatch(v -> v.contains("rescheduleCount"))
                    .anyMatch(v -> v.contains("version"))
                    .anyMatch(v -> v.contains("dispatchMessageId"))
                    .anyMatch(v -> v.contains("acceptedAt"))
                    .anyMatch(v -> v.contains("decline"))
                    .anyMatch(v -> v.contains("undelivered")));
  }

  @Test
  void commandsThatAreRefusedLeaveTheWorkOrderUntouched() {
    WorkOrder order = Fixtures.dispatched();
    WorkOrder copy =
        WorkOrder.replay(List.of(WorkOrder.dispatch(Fixtures.dispatchCommand(), T0).event()));
    assertThatThrownBy(() -> order.handle(new WorkOrderCommand.Confirm(), LATER))
        .isInstanceOf(dev.dispatchkit.error.IllegalTransitionException.class);
    assertThat(order).isEqualTo(copy);
  }
}
