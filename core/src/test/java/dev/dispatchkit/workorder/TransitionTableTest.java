package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status against every command, judged by a list written by hand from the product rules: the
 * expectations are not read from {@link Transitions}, so a wrong row in the table fails here.
 */
class TransitionTableTest {

  private static final Instant NOW = Fixtures.T0.plus(Duration.ofHours(1));

  /** Status, command, status reached; "=" keeps the status. Every pair not listed is illegal. */
  private static final String LEGAL =
      """
      OPEN                              ACCEPT                   IN_PROGRESS/DISPATCH_CONFIRMED
      OPEN                              DECLINE                  OPEN/DECLINED
      OPEN                              REASSIGN                 OPEN
      OPEN                              CANCEL                   CANCELLED
      OPEN                              ADD_NOTE                 =
      OPEN                              ADD_ATTACHMENT           =
      OPEN                              CHANGE_EXPECTED_DATE     =
      OPEN                              RECORD_DISPATCH_MESSAGE  =
      OPEN                              MARK_UNDELIVERED         =
      OPEN                              REQUEST_NTE_INCREASE     =
      OPEN                              APPROVE_NTE_INCREASE     =
      OPEN                              REJECT_NTE_INCREASE      =
      OPEN/DECLINED                     ACCEPT                   IN_PROGRESS/DISPATCH_CONFIRMED
      OPEN/DECLINED                     REASSIGN                 OPEN
      OPEN/DECLINED                     CANCEL                   CANCELLED
      OPEN/DECLINED                     ADD_NOTE                 =
      OPEN/DECLINED                     ADD_ATTACHMENT           =
      OPEN/DECLINED                     CHANGE_EXPECTED_DATE     =
      OPEN/DECLINED                     RECORD_DISPATCH_MESSAGE  =
      OPEN/DECLINED                     APPROVE_NTE_INCREASE     =
      OPEN/DECLINED                     REJECT_NTE_INCREASE      =
      IN_PROGRESS/DISPATCH_CONFIRMED    REASSIGN                 OPEN
      IN_PROGRESS/DISPATCH_CONFIRMED    CHECK_IN                 IN_PROGRESS/ON_SITE
      IN_PROGRESS/DISPATCH_CONFIRMED    REPORT_PARTS_ON_ORDER    IN_PROGRESS/PARTS_ON_ORDER
      IN_PROGRESS/DISPATCH_CONFIRMED    COMPLETE                 COMPLETED/PENDING_CONFIRMATION
      IN_PROGRESS/DISPATCH_CONFIRMED    CANCEL                   CANCELLED
      IN_PROGRESS/DISPATCH_CONFIRMED    ADD_NOTE                 =
      IN_PROGRESS/DISPATCH_CONFIRMED    ADD_ATTACHMENT           =
      IN_PROGRESS/DISPATCH_CONFIRMED    CHANGE_EXPECTED_DATE     =
      IN_PROGRESS/DISPATCH_CONFIRMED    RECORD_DISPATCH_MESSAGE  =
      IN_PROGRESS/DISPATCH_CONFIRMED    REQUEST_NTE_INCREASE     =
      IN_PROGRESS/DISPATCH_CONFIRMED    APPROVE_NTE_INCREASE     =
      IN_PROGRESS/DISPATCH_CONFIRMED    REJECT_NTE_INCREASE      =
      IN_PROGRESS/ON_SITE               REPORT_PARTS_ON_ORDER    IN_PROGRESS/PARTS_ON_ORDER
      IN_PROGRESS/ON_SITE               REPORT_INCOMPLETE        IN_PROGRESS/INCOMPLETE
      IN_PROGRESS/ON_SITE               COMPLETE                 COMPLETED/PENDING_CONFIRMATION
      IN_PROGRESS/ON_SITE               CANCEL                   CANCELLED
      IN_PROGRESS/ON_SITE               ADD_NOTE                 =
      IN_PROGRESS/ON_SITE               ADD_ATTACHMENT           =
      IN_PROGRESS/ON_SITE               REQUEST_NTE_INCREASE     =
      IN_PROGRESS/ON_SITE               APPROVE_NTE_INCREASE     =
      IN_PROGRESS/ON_SITE               REJECT_NTE_INCREASE      =
      IN_PROGRESS/PARTS_ON_ORDER        CHECK_IN                 IN_PROGRESS/ON_SITE
      IN_PROGRESS/PARTS_ON_ORDER        COMPLETE                 COMPLETED/PENDING_CONFIRMATION
      IN_PROGRESS/PARTS_ON_ORDER        CANCEL                   CANCELLED
      IN_PROGRESS/PARTS_ON_ORDER        ADD_NOTE                 =
      IN_PROGRESS/PARTS_ON_ORDER        ADD_ATTACHMENT           =
      IN_PROGRESS/PARTS_ON_ORDER        CHANGE_EXPECTED_DATE     =
      IN_PROGRESS/PARTS_ON_ORDER        REQUEST_NTE_INCREASE     =
      IN_PROGRESS/PARTS_ON_ORDER        APPROVE_NTE_INCREASE     =
      IN_PROGRESS/PARTS_ON_ORDER        REJECT_NTE_INCREASE      =
      IN_PROGRESS/INCOMPLETE            CHECK_IN                 IN_PROGRESS/ON_SITE
      IN_PROGRESS/INCOMPLETE            REPORT_PARTS_ON_ORDER    IN_PROGRESS/PARTS_ON_ORDER
      IN_PROGRESS/INCOMPLETE            COMPLETE                 COMPLETED/PENDING_CONFIRMATION
      IN_PROGRESS/INCOMPLETE            CANCEL                   CANCELLED
      IN_PROGRESS/INCOMPLETE            ADD_NOTE                 =
      IN_PROGRESS/INCOMPLETE            ADD_ATTACHMENT           =
      IN_PROGRESS/INCOMPLETE            CHANGE_EXPECTED_DATE     =
      IN_PROGRESS/INCOMPLETE            REQUEST_NTE_INCREASE     =
      IN_PROGRESS/INCOMPLETE            APPROVE_NTE_INCREASE     =
      IN_PROGRESS/INCOMPLETE            REJECT_NTE_INCREASE      =
      COMPLETED/PENDING_CONFIRMATION    CONFIRM                  COMPLETED/CONFIRMED
      COMPLETED/PENDING_CONFIRMATION    REJECT_COMPLETION        IN_PROGRESS/INCOMPLETE
      COMPLETED/PENDING_CONFIRMATION    ADD_NOTE                 =
      COMPLETED/PENDING_CONFIRMATION    ADD_ATTACHMENT           =
      COMPLETED/PENDING_CONFIRMATION    APPROVE_NTE_INCREASE     =
      COMPLETED/PENDING_CONFIRMATION    REJECT_NTE_INCREASE      =
      COMPLETED/CONFIRMED               ADD_NOTE                 =
      CANCELLED                         ADD_NOTE                 =
      """;

  private static final Map<String, Status> STATUSES =
      Map.of(
          "OPEN", Status.OPEN,
          "OPEN/DECLINED", Status.DECLINED,
          "IN_PROGRESS/DISPATCH_CONFIRMED", Status.DISPATCH_CONFIRMED,
          "IN_PROGRESS/ON_SITE", Status.ON_SITE,
          "IN_PROGRESS/PARTS_ON_ORDER", Status.PARTS_ON_ORDER,
          "IN_PROGRESS/INCOMPLETE", Status.INCOMPLETE,
          "COMPLETED/PENDING_CONFIRMATION", Status.PENDING_CONFIRMATION,
          "COMPLETED/CONFIRMED", Status.CONFIRMED,
          "CANCELLED", Status.CANCELLED);

  private static Map<Status, Map<CommandKind, Status>> expected() {
    Map<Status, Map<CommandKind, Status>> expected = new HashMap<>();
    for (String line : LEGAL.strip().split("\n")) {
      String[] cells = line.strip().split("\\s+");
      Status from = STATUSES.get(cells[0]);
      Status to = cells[2].equals("=") ? from : STATUSES.get(cells[2]);
      assertThat(from).as(line).isNotNull();
      assertThat(to).as(line).isNotNull();
      expected.computeIfAbsent(from, s -> new HashMap<>()).put(CommandKind.valueOf(cells[1]), to);
    }
    return expected;
  }

  static Stream<Arguments> everyStatusAndCommand() {
    Map<Status, Map<CommandKind, Status>> expected = expected();
    List<Arguments> cases = new ArrayList<>();
    for (Status status : Status.all()) {
      for (CommandKind kind : CommandKind.values()) {
        Status to = expected.getOrDefault(status, Map.of()).get(kind);
        cases.add(Arguments.of(status, kind, to));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("everyStatusAndCommand")
  void commandLeadsWhereTheProductRulesSay(Status from, CommandKind kind, Status expectedTo) {
    boolean answersNteRequest =
        kind == CommandKind.APPROVE_NTE_INCREASE || kind == CommandKind.REJECT_NTE_INCREASE;
    WorkOrder order = Fixtures.inStatus(from, answersNteRequest && !from.isTerminal());
    WorkOrderCommand command = Fixtures.validCommand(kind, order);

    if (expectedTo == null) {
      assertThat(order.allowedCommands()).doesNotContain(kind);
      assertThatThrownBy(() -> order.handle(command, NOW))
          .isInstanceOfSatisfying(
              IllegalTransitionException.class,
              e -> {
                assertThat(e.trackingNumber()).isEqualTo(order.trackingNumber());
                assertThat(e.status()).isEqualTo(from);
                assertThat(e.command()).isEqualTo(kind);
                assertThat(e.getMessage())
                    .contains(order.trackingNumber().value(), from.toString(), kind.name());
              });
    } else {
      assertThat(order.allowedCommands()).contains(kind);
      Change change = order.handle(command, NOW);
      assertThat(change.after().status()).isEqualTo(expectedTo);
      assertThat(change.after().version()).isEqualTo(order.version() + 1);
      assertThat(change.event().kind()).isEqualTo(kind);
      assertThat(change.event().version()).isEqualTo(order.version() + 1);
      assertThat(change.event().at()).isEqualTo(NOW);
    }
  }

  @Test
  void tableHoldsExactlyTheHandWrittenRows() {
    Map<Status, Map<CommandKind, Status>> expected = expected();
    List<String> handWritten =
        expected.entrySet().stream()
            .flatMap(
                e ->
                    e.getValue().entrySet().stream()
                        .map(c -> e.getKey() + " " + c.getKey() + " " + c.getValue()))
            .collect(Collectors.toList());
    List<String> table =
        Transitions.all().stream()
            .map(t -> t.from() + " " + t.command() + " " + t.to())
            .collect(Collectors.toList());
    assertThat(table).containsExactlyInAnyOrderElementsOf(handWritten);
  }

  @Test
  void terminalStatusesAcceptOnlyNotes() {
    assertThat(Fixtures.inStatus(Status.CONFIRMED, false).allowedCommands())
        .containsExactly(CommandKind.ADD_NOTE);
    assertThat(Fixtures.inStatus(Status.CANCELLED, false).allowedCommands())
        .containsExactly(CommandKind.ADD_NOTE);
  }

  @Test
  void aSecondNteRequestIsRefusedWhileOneIsPending() {
    WorkOrder order = Fixtures.inStatus(Status.DISPATCH_CONFIRMED, true);
    assertThat(order.allowedCommands()).doesNotContain(CommandKind.REQUEST_NTE_INCREASE);
    assertThatThrownBy(
            () -> order.handle(Fixtures.validCommand(CommandKind.REQUEST_NTE_INCREASE, order), NOW))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("already pending");
  }

  @Test
  void answeringAnNteRequestNeedsOnePending() {
    WorkOrder order = Fixtures.inStatus(Status.ON_SITE, false);
    for (CommandKind kind :
        List.of(CommandKind.APPROVE_NTE_INCREASE, CommandKind.REJECT_NTE_INCREASE)) {
      assertThat(order.allowedCommands()).doesNotContain(kind);
      assertThatThrownBy(() -> order.handle(Fixtures.validCommand(kind, order), NOW))
          .isInstanceOfSatisfying(
              IllegalTransitionException.class,
              e -> assertThat(e.reason()).isEqualTo("no NTE increase request is pending"));
    }
  }

  @Test
  void confirmationWaitsForThePendingNteRequest() {
    WorkOrder order = Fixtures.inStatus(Status.PENDING_CONFIRMATION, true);
    assertThat(order.allowedCommands()).doesNotContain(CommandKind.CONFIRM);
    assertThatThrownBy(() -> order.handle(new WorkOrderCommand.Confirm(), NOW))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("answer it first");
  }

  @Test
  void aRejectedCompletionReopensTheWorkAndOnlyAPendingOneCanBeRejected() {
    WorkOrder pending = Fixtures.inStatus(Status.PENDING_CONFIRMATION, false);
    Change rejected = pending.handle(new WorkOrderCommand.RejectCompletion("Still leaking"), NOW);
    assertThat(rejected.after().status()).isEqualTo(Status.INCOMPLETE);
    assertThat(rejected.event())
        .isEqualTo(
            new WorkOrderEvent.CompletionRejected(
                pending.trackingNumber(), pending.version() + 1, NOW, "Still leaking"));
    assertThat(rejected.after().allowedCommands()).contains(CommandKind.COMPLETE);
    for (Status status : Status.all()) {
      if (status.equals(Status.PENDING_CONFIRMATION)) {
        continue;
      }
      WorkOrder order = Fixtures.inStatus(status, false);
      assertThatThrownBy(
              () -> order.handle(new WorkOrderCommand.RejectCompletion("Still leaking"), NOW))
          .isInstanceOfSatisfying(
              IllegalTransitionException.class,
              e -> {
                assertThat(e.status()).isEqualTo(status);
                assertThat(e.command()).isEqualTo(CommandKind.REJECT_COMPLETION);
              });
    }
  }

  @Test
  void anUndeliveredMarkHoldsUntilTheOrderIsReassignedOrAnswered() {
    WorkOrder open = Fixtures.inStatus(Status.OPEN, false);
    WorkOrder undelivered = open.handle(new WorkOrderCommand.MarkUndelivered(), NOW).after();
    assertThat(undelivered.undelivered()).isTrue();
    assertThat(undelivered.allowedCommands()).doesNotContain(CommandKind.MARK_UNDELIVERED);
    assertThatThrownBy(() -> undelivered.handle(new WorkOrderCommand.MarkUndelivered(), NOW))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("already undelivered");
    assertThat(
            undelivered
                .handle(new WorkOrderCommand.AddNote("Called them", NoteAuthor.CLIENT), NOW)
                .after()
                .undelivered())
        .isTrue();
    assertThat(
            undelivered
                .handle(new WorkOrderCommand.Reassign(Fixtures.OTHER_PROVIDER), NOW)
                .after()
                .undelivered())
        .isFalse();
    assertThat(undelivered.handle(new WorkOrderCommand.Accept(), NOW).after().undelivered())
        .isFalse();
  }

  @Test
  void dispatchIsNeverAllowedOnAnExistingWorkOrder() {
    for (Status status : Status.all()) {
      WorkOrder order = Fixtures.inStatus(status, false);
      assertThat(order.allowedCommands()).doesNotContain(CommandKind.DISPATCH);
      assertThatThrownBy(() -> order.handle(Fixtures.dispatchCommand(), NOW))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("dispatched only once");
    }
  }

  @Test
  void statusNamesReadAsProvidersKnowThem() {
    assertThat(STATUSES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Status.all().stream().map(Status::toString).collect(Collectors.toList()));
    assertThat(Status.DECLINED.toString().toLowerCase(Locale.ROOT)).isEqualTo("open/declined");
  }
}
