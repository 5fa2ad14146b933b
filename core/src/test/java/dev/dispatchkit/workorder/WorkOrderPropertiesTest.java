package dev.dispatchkit.workorder;

import static dev.dispatchkit.workorder.Fixtures.ALICE;
import static dev.dispatchkit.workorder.Fixtures.PARIS;
import static dev.dispatchkit.workorder.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.error.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of any sequence of commands, legal or not, applied to a dispatched work order. */
class WorkOrderPropertiesTest {

  /** A command and the minutes that pass before it is handled. */
  record Step(WorkOrderCommand command, int minutesLater) {}

  @Provide
  Arbitrary<List<Step>> lives() {
    Arbitrary<WorkOrderCommand> commands =
        Arbitraries.oneOf(
            Arbitraries.just(new WorkOrderCommand.Accept()),
            Arbitraries.of(DeclineReason.values())
                .injectNull(0.3)
                .map(
                    r ->
                        new WorkOrderCommand.Decline(
                            r, r == DeclineReason.OTHER ? "Other job" : null)),
            Arbitraries.of(Fixtures.PROVIDER, Fixtures.OTHER_PROVIDER, ProviderId.of("charlie"))
                .map(WorkOrderCommand.Reassign::new),
            Combinators.combine(
                    Arbitraries.integers().between(-48 * 60, 240 * 60),
                    Arbitraries.of("", "Technician ill"),
                    Arbitraries.of(ALICE, new ContactPerson("Eve", "eve@elsewhere.example")))
                .as(
                    (minutes, note, contact) ->
                        new WorkOrderCommand.ChangeExpectedDate(
                            ExpectedDate.ofInstant(T0.plus(Duration.ofMinutes(minutes)), PARIS),
                            note,
                            contact)),
            Arbitraries.of(NoteAuthor.values())
                .map(a -> new WorkOrderCommand.AddNote("note by " + a, a)),
            Arbitraries.of("a0", "a1", "a2")
                .map(id -> new WorkOrderCommand.AddAttachment(Fixtures.attachment(id))),
            Arbitraries.of("m1@x.example", "m2@x.example")
                .map(WorkOrderCommand.RecordDispatchMessage::new),
            Arbitraries.just(new WorkOrderCommand.CheckIn()),
            Arbitraries.of(ProgressUpdate.values()).map(WorkOrderCommand.UpdateProgress::new),
            Arbitraries.just(new WorkOrderCommand.Complete()),
            Arbitraries.just(new WorkOrderCommand.Confirm()),
            Arbitraries.just(new WorkOrderCommand.RejectCompletion("The tap still drips")),
            Arbitraries.just(new WorkOrderCommand.MarkUndelivered()),
            Arbitraries.of("Store closed").injectNull(0.5).map(WorkOrderCommand.Cancel::new),
            Combinators.combine(
                    Arbitraries.integers().between(300, 900), Arbitraries.of("EUR", "USD"))
                .as(
                    (amount, currency) ->
                        new WorkOrderCommand.RequestNteIncrease(
                            Nte.of(String.valueOf(amount), currency), "More work")),
            Arbitraries.just(new WorkOrderCommand.ApproveNteIncrease()),
            Arbitraries.just(new WorkOrderCommand.RejectNteIncrease(null)),
            Arbitraries.just(Fixtures.dispatchCommand()));
    Arbitrary<Step> steps =
        Combinators.combine(commands, Arbitraries.integers().between(0, 12 * 60)).as(Step::new);
    return steps.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 1000)
  void everyCommandIsEitherOneEventAndOneVersionOrNothingAtAll(@ForAll("lives") List<Step> life) {
    Change dispatched = WorkOrder.dispatch(Fixtures.dispatchCommand(), T0);
    WorkOrder order = dispatched.after();
    List<WorkOrderEvent> timeline = new ArrayList<>(List.of(dispatched.event()));
    Instant now = T0;
    Status terminal = null;
    for (Step step : life) {
      now = now.plus(Duration.ofMinutes(step.minutesLater()));
      WorkOrder before = order;
      WorkOrderCommand command = step.command();
      boolean allowed = before.allowedCommands().contains(command.kind());
      try {
        Change change = before.handle(command, now);
        assertThat(allowed).as("accepted %s in %s", command.kind(), before.status()).isTrue();
        assertThat(change.after().version()).isEqualTo(before.version() + 1);
        assertThat(change.event().version()).isEqualTo(change.after().version());
        assertThat(change.event().kind()).isEqualTo(command.kind());
        assertThat(change.event().at()).isEqualTo(now);
        timeline.add(change.event());
        order = change.after();
        Statistics.label("outcome").collect("accepted");
      } catch (IllegalTransitionException e) {
        assertThat(allowed).as("refused %s in %s", command.kind(), before.status()).isFalse();
        assertThat(e.status()).isEqualTo(before.status());
        Statistics.label("outcome").collect("illegal");
      } catch (DispatchKitException e) {
        // Allowed by the table but refused for its arguments (date rules, same provider...).
        assertThat(allowed).isTrue();
        Statistics.label("outcome").collect("refused for its arguments");
      }
      assertThat(order.version()).isEqualTo(timeline.size());
      if (terminal != null) {
        assertThat(order.status()).isEqualTo(terminal);
      } else if (order.status().isTerminal()) {
        terminal = order.status();
      }
    }
    Statistics.label("final status").collect(order.status().toString());
    // The generator must reach every outcome and both terminal statuses, or the property proves
    // little.
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("accepted").count(n -> n > 0);
              c.check("illegal").count(n -> n > 0);
              c.check("refused for its arguments").count(n -> n > 0);
            });
    Statistics.label("final status")
        .coverage(
            c -> {
              c.check("COMPLETED/CONFIRMED").count(n -> n > 0);
              c.check("CANCELLED").count(n -> n > 0);
            });
    assertThat(WorkOrder.replay(timeline)).isEqualTo(order);
  }

  @Property(tries = 500)
  void aRefusedCommandLeavesAnEqualWorkOrderBehind(@ForAll("lives") List<Step> life) {
    WorkOrder order = Fixtures.dispatched();
    Instant now = T0;
    for (Step step : life) {
      now = now.plus(Duration.ofMinutes(step.minutesLater()));
      WorkOrder snapshot =
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
              order.contacts(),
              order.notes(),
              order.attachments(),
              order.rescheduleCount(),
              order.dispatchMessageId(),
              order.version(),
              order.dispatchedAt(),
              order.acceptedAt(),
              order.checkedInAt(),
              order.decline(),
              order.pendingNteIncrease(),
              order.undelivered());
      try {
        order = order.handle(step.command(), now).after();
      } catch (DispatchKitException e) {
        assertThat(order).isEqualTo(snapshot);
        assertThat(order.version()).isEqualTo(snapshot.version());
      }
    }
  }
}
