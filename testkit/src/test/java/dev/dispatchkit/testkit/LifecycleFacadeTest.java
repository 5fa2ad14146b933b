package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress, rejected completion, arrival windows and undelivered dispatches, via the facade. */
class LifecycleFacadeTest {

  SettableClock clock = SettableClock.at(Fixtures.T0);
  InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
  RecordingMailSender sender = new RecordingMailSender();
  List<String> told = new ArrayList<>();
  AtomicReference<Optional<ProviderId>> fallback = new AtomicReference<>(Optional.empty());
  DispatchKit kit;

  @BeforeEach
  void setUp() {
    kit =
        Fixtures.kit(store, sender, clock)
            .fallbackProvider(o -> fallback.get())
            .listener(
                new DispatchListener() {
                  @Override
                  public void statusChanged(WorkOrder order, WorkOrderEvent e) {
                    told.add("changed:" + e.kind());
                  }

                  @Override
                  public void dispatchUndelivered(WorkOrder order) {
                    told.add("undelivered:" + order.trackingNumber().value());
                  }
                })
            .build();
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          tx.preferences()
              .save(
                  Fixtures.preference(
                      Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH));
          return null;
        });
  }

  WorkOrder dispatched() {
    WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
    kit.relayOutbox();
    return order;
  }

  WorkOrder current(WorkOrder order) {
    return kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  @Test
  void progressIsReportedWithTheProvidersNoteInOneStep() {
    WorkOrder order = dispatched();
    kit.accept(order.key());
    WorkOrder parts =
        kit.updateProgress(order.key(), ProgressUpdate.PARTS_ON_ORDER, "Valve ordered, Friday");
    assertThat(parts.status()).isEqualTo(Status.PARTS_ON_ORDER);
    assertThat(parts.notes())
        .last()
        .satisfies(
            n -> {
              assertThat(n.text()).isEqualTo("Valve ordered, Friday");
              assertThat(n.author()).isEqualTo(NoteAuthor.PROVIDER);
            });
    kit.checkIn(order.key());
    WorkOrder incomplete = kit.updateProgress(order.key(), ProgressUpdate.INCOMPLETE, null);
    assertThat(incomplete.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(incomplete.notes()).hasSize(1);
    assertThat(kit.complete(order.key()).status()).isEqualTo(Status.PENDING_CONFIRMATION);
    assertThat(kit.confirm(order.key()).status()).isEqualTo(Status.CONFIRMED);
  }

  @Test
  void aBadProgressNoteOrStatusChangesNothing() {
    WorkOrder order = dispatched();
    assertThatThrownBy(() -> kit.updateProgress(order.key(), ProgressUpdate.INCOMPLETE, "x"))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.status()).isEqualTo(Status.OPEN);
              assertThat(e.command()).isEqualTo(CommandKind.REPORT_INCOMPLETE);
            });
    assertThat(current(order)).isEqualTo(order);
  }

  @Test
  void aRejectedCompletionReopensTheWorkAndTellsTheProviderWhy() {
    WorkOrder order = dispatched();
    kit.accept(order.key());
    kit.complete(order.key());
    assertThat(kit.allowedCommands(order.key())).contains(CommandKind.REJECT_COMPLETION);
    kit.relayOutbox();
    int before = sender.sentTo(Fixtures.PROVIDER_ADDRESS).size();

    WorkOrder reopened = kit.rejectCompletion(order.key(), "The tap still drips");

    assertThat(reopened.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(kit.allowedCommands(order.key()))
        .contains(CommandKind.COMPLETE, CommandKind.CHECK_IN)
        .doesNotContain(CommandKind.REJECT_COMPLETION, CommandKind.CONFIRM);
    assertThat(kit.timeline(order.key()))
        .last()
        .isInstanceOfSatisfying(
            WorkOrderEvent.CompletionRejected.class,
            e -> assertThat(e.reason()).isEqualTo("The tap still drips"));
    kit.relayOutbox();
    List<OutboundMail> toProvider = sender.sentTo(Fixtures.PROVIDER_ADDRESS);
    assertThat(toProvider).hasSize(before + 1);
    OutboundMail mail = toProvider.get(toProvider.size() - 1);
    // The provider's preference is French.
    assertThat(mail.textBody())
        .contains("Le client n'a pas validé la fin des travaux de la demande #100200")
        .contains("Motif : The tap still drips");
    assertThat(told).contains("changed:REJECT_COMPLETION");
  }

  @Test
  void rejectingACompletionThatIsNotPendingIsRefusedAndChangesNothing() {
    WorkOrder order = dispatched();
    WorkOrder accepted = kit.accept(order.key());
    kit.relayOutbox();
    int mails = sender.sentTo(Fixtures.PROVIDER_ADDRESS).size();
    assertThatThrownBy(() -> kit.rejectCompletion(order.key(), "Not done"))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.trackingNumber()).isEqualTo(order.trackingNumber());
              assertThat(e.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
              assertThat(e.command()).isEqualTo(CommandKind.REJECT_COMPLETION);
              assertThat(e.getMessage()).contains("IN_PROGRESS/DISPATCH_CONFIRMED");
            });
    assertThat(current(order)).isEqualTo(accepted);
    kit.relayOutbox();
    assertThat(sender.sentTo(Fixtures.PROVIDER_ADDRESS)).hasSize(mails);
  }

  @Test
  void withoutAnExpectedDateTheArrivalWindowSetsItAndTheMailStatesBothDeadlines() {
    WorkOrderCommand.Dispatch given = Fixtures.dispatch().build();
    WorkOrder order =
        kit.dispatch(
            new WorkOrderCommand.Dispatch(
                given.trackingNumber(),
                given.subscriber(),
                given.provider(),
                given.site(),
                given.problem(),
                given.priority(),
                given.nte(),
                null,
                given.contacts()));
    // URGENT: 4 hours after dispatch by default; 08:00Z is 09:00 in Paris.
    assertThat(order.expectedDate().instant()).isEqualTo(Fixtures.T0.plus(Duration.ofHours(4)));
    kit.relayOutbox();
    String text = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0).textBody();
    assertThat(text)
        .contains("Réponse attendue avant : lundi 2 mars 2026 à 09:30")
        .contains("Sur place le : lundi 2 mars 2026 à 13:00");
    clock.advance(Duration.ofHours(4).plusMinutes(1));
    assertThat(kit.flags(order.key()).orElseThrow().late()).isTrue();
  }

  @Test
  void aBouncedDispatchIsUndeliveredReassignableAndClearedByTheNextDispatch() {
    WorkOrder order = dispatched();
    OutboundMail request = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    InboundResult result =
        kit.handle(
            InboundMessage.builder()
                .messageId("bounce-1@mx.host.example")
                .from("MAILER-DAEMON@host.example")
                .to(request.replyTo())
                .inReplyTo(request.messageId())
                .subject("Undelivered Mail Returned to Sender")
                .date(OffsetDateTime.of(2026, 3, 2, 9, 5, 0, 0, ZoneOffset.ofHours(1)))
                .textBody("delivery failed")
                .build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.MACHINE_MAIL);
    assertThat(result.key()).isEqualTo(order.key());
    assertThat(result.decision().trackingNumber()).isEqualTo(order.trackingNumber());
    assertThat(result.decision().correlation()).isNotNull();
    WorkOrder undelivered = current(order);
    assertThat(undelivered.undelivered()).isTrue();
    assertThat(undelivered.status()).isEqualTo(Status.OPEN);
    assertThat(kit.timeline(order.key()))
        .last()
        .isInstanceOf(WorkOrderEvent.DispatchUndelivered.class);
    assertThat(told).contains("undelivered:100200", "changed:MARK_UNDELIVERED");
    assertThat(kit.flags(order.key()).orElseThrow().undelivered()).isTrue();
    assertThat(kit.flags(order.key()).orElseThrow().reassignable()).isTrue();
    assertThat(kit.list(kit.query().flags(Set.of(WorkOrderQuery.Flag.UNDELIVERED)).build()).items())
        .containsExactly(undelivered);
    assertThat(failing(Fixtures.PROVIDER)).isTrue();

    // The sweep reassigns it; the new provider's order is delivered as far as anyone knows.
    fallback.set(Optional.of(Fixtures.OTHER_PROVIDER));
    kit.sweep();
    assertThat(current(order).undelivered()).isFalse();
    assertThat(current(order).provider()).isEqualTo(Fixtures.OTHER_PROVIDER);

    // Back to the first provider: once that request is sent, its address is no longer failing.
    kit.reassign(order.key(), Fixtures.PROVIDER);
    assertThat(failing(Fixtures.PROVIDER)).isTrue();
    kit.relayOutbox();
    assertThat(failing(Fixtures.PROVIDER)).isFalse();
  }

  @Test
  void aBounceOfAnEarlierProvidersRequestLeavesTheOrderAlone() {
    WorkOrder order = dispatched();
    OutboundMail first = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    kit.reassign(order.key(), Fixtures.OTHER_PROVIDER);
    kit.handle(
        InboundMessage.builder()
            .messageId("bounce-2@mx.host.example")
            .from("MAILER-DAEMON@host.example")
            .to(first.replyTo())
            .inReplyTo(first.messageId())
            .subject("Undelivered Mail Returned to Sender")
            .date(OffsetDateTime.of(2026, 3, 2, 9, 5, 0, 0, ZoneOffset.ofHours(1)))
            .textBody("delivery failed")
            .build());
    assertThat(current(order).undelivered()).isFalse();
    assertThat(failing(Fixtures.PROVIDER)).isTrue();
    assertThat(told).doesNotContain("undelivered:100200");
  }

  private boolean failing(ProviderId provider) {
    return store
        .inTransaction(tx -> tx.preferences().find(Fixtures.SUBSCRIBER, provider))
        .orElseThrow()
        .addressFailing();
  }
}
