package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.Transitions;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of provider replies and portal commands on one work order, through the
 * facade over the in-memory ports. After every step the stored work order is exactly what its
 * timeline replays to, every event is a move the transition table allows, every change has one
 * event, and no message is applied twice.
 */
class FacadeInterleavingPropertyTest {

  enum Step {
    REPLY_OK,
    REPLY_NON,
    REPLY_UNCLEAR,
    AUTO_REPLY,
    SAME_MESSAGE_AGAIN,
    ACCEPT,
    DECLINE,
    REASSIGN,
    CHECK_IN,
    COMPLETE,
    CONFIRM,
    CANCEL,
    NOTE,
    PARTS_ON_ORDER,
    INCOMPLETE,
    REJECT_COMPLETION,
    BOUNCE,
    NOTE_WITH_FILES,
    REQUEST_NTE,
    APPROVE_NTE,
    REJECT_NTE,
    REPLY_NTE
  }

  private static final Map<Step, CommandKind> COMMANDS =
      Map.ofEntries(
          Map.entry(Step.NOTE_WITH_FILES, CommandKind.ADD_ATTACHMENT),
          Map.entry(Step.REQUEST_NTE, CommandKind.REQUEST_NTE_INCREASE),
          Map.entry(Step.APPROVE_NTE, CommandKind.APPROVE_NTE_INCREASE),
          Map.entry(Step.REJECT_NTE, CommandKind.REJECT_NTE_INCREASE),
          Map.entry(Step.ACCEPT, CommandKind.ACCEPT),
          Map.entry(Step.DECLINE, CommandKind.DECLINE),
          Map.entry(Step.REASSIGN, CommandKind.REASSIGN),
          Map.entry(Step.CHECK_IN, CommandKind.CHECK_IN),
          Map.entry(Step.COMPLETE, CommandKind.COMPLETE),
          Map.entry(Step.CONFIRM, CommandKind.CONFIRM),
          Map.entry(Step.CANCEL, CommandKind.CANCEL),
          Map.entry(Step.NOTE, CommandKind.ADD_NOTE),
          Map.entry(Step.PARTS_ON_ORDER, CommandKind.REPORT_PARTS_ON_ORDER),
          Map.entry(Step.INCOMPLETE, CommandKind.REPORT_INCOMPLETE),
          Map.entry(Step.REJECT_COMPLETION, CommandKind.REJECT_COMPLETION));

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 300)
  void everyInterleavingKeepsTheWorkOrderEqualToItsTimeline(@ForAll("steps") List<Step> steps) {
    InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
    RecordingMailSender sender = new RecordingMailSender();
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          tx.preferences()
              .save(
                  Fixtures.preference(
                      Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH));
          return null;
        });
    DispatchKit kit = Fixtures.kit(store, sender, SettableClock.at(Fixtures.T0)).build();
    WorkOrderKey key = kit.dispatch(Fixtures.dispatch().build()).key();
    List<InboundMessage> handled = new ArrayList<>();
    Set<String> applied = new HashSet<>();
    int sequence = 0;

    for (Step step : steps) {
      kit.relayOutbox();
      WorkOrder before = stored(kit, key);
      int eventsBefore = kit.timeline(key).size();
      CommandKind command = COMMANDS.get(step);
      if (command != null) {
        boolean allowed = before.allowedCommands().contains(command);
        if (allowed) {
          run(kit, key, step, before);
          assertThat(kit.timeline(key)).hasSizeGreaterThan(eventsBefore);
        } else {
          assertThatThrownBy(() -> run(kit, key, step, before))
              .isInstanceOf(IllegalTransitionException.class);
          assertThat(stored(kit, key)).isEqualTo(before);
        }
      } else if (step == Step.SAME_MESSAGE_AGAIN) {
        if (!handled.isEmpty()) {
          InboundMessage again = handled.get(handled.size() - 1);
          assertThat(kit.handle(again).outcome()).isEqualTo(Outcome.DUPLICATE);
          assertThat(stored(kit, key)).isEqualTo(before);
        }
      } else {
        InboundMessage message = reply(sender, before, step, ++sequence);
        InboundResult result = kit.handle(message);
        handled.add(message);
        Outcome expected =
            switch (step) {
              case REPLY_OK, REPLY_NON ->
                  before.status().equals(Status.OPEN) ? Outcome.APPLIED : Outcome.NOT_APPLIED;
              case REPLY_UNCLEAR -> Outcome.REVIEW;
              case REPLY_NTE ->
                  before.allowedCommands().contains(CommandKind.REQUEST_NTE_INCREASE)
                      ? Outcome.APPLIED
                      : Outcome.REVIEW;
              default -> Outcome.MACHINE_MAIL;
            };
        assertThat(result.outcome()).as("%s from %s", step, before.status()).isEqualTo(expected);
        if (result.outcome() == Outcome.APPLIED) {
          assertThat(applied.add(message.messageId())).isTrue();
        } else if (step == Step.BOUNCE) {
          // A bounce of the request in force marks a plainly open order undelivered, once.
          boolean marks = before.status().equals(Status.OPEN) && !before.undelivered();
          WorkOrder after = stored(kit, key);
          assertThat(after.undelivered()).isEqualTo(marks || before.undelivered());
          assertThat(after.version()).isEqualTo(before.version() + (marks ? 1 : 0));
        } else if (step != Step.REPLY_UNCLEAR && step != Step.REPLY_NTE) {
          assertThat(stored(kit, key)).isEqualTo(before);
        }
      }
      assertInvariants(kit, key, before, eventsBefore);
    }
  }

  private static void assertInvariants(
      DispatchKit kit, WorkOrderKey key, WorkOrder before, int eventsBefore) {
    WorkOrder after = stored(kit, key);
    List<WorkOrderEvent> timeline = kit.timeline(key);
    assertThat(WorkOrder.replay(timeline)).isEqualTo(after);
    assertThat(after.version()).isEqualTo(timeline.size());
    assertThat(after.version() - before.version()).isEqualTo(timeline.size() - eventsBefore);
    Status status = before.status();
    for (WorkOrderEvent event : timeline.subList(eventsBefore, timeline.size())) {
      Status next = WorkOrder.replay(timeline.subList(0, timeline.indexOf(event) + 1)).status();
      assertThat(Transitions.target(status, event.kind()))
          .as("%s from %s", event.kind(), status)
          .contains(next);
      status = next;
    }
    assertThat(status).isEqualTo(after.status());
  }

  /** 100 more than the NTE in force. */
  private static Money higher(WorkOrder order) {
    return order.nte().limit().plus(Money.of("100", order.nte().currency().getCurrencyCode()));
  }

  private static WorkOrder stored(DispatchKit kit, WorkOrderKey key) {
    return kit.find(key.subscriber(), key.trackingNumber()).orElseThrow();
  }

  private static void run(DispatchKit kit, WorkOrderKey key, Step step, WorkOrder before) {
    switch (step) {
      case ACCEPT -> kit.accept(key);
      case DECLINE -> kit.decline(key, null, "busy");
      case REASSIGN ->
          kit.reassign(
              key,
              before.provider().equals(Fixtures.PROVIDER)
                  ? Fixtures.OTHER_PROVIDER
                  : Fixtures.PROVIDER);
      case CHECK_IN -> kit.checkIn(key);
      case COMPLETE -> kit.complete(key);
      case CONFIRM -> kit.confirm(key);
      case CANCEL -> kit.cancel(key, null);
      case NOTE -> kit.addNote(key, "portal note", NoteAuthor.CLIENT);
      case PARTS_ON_ORDER ->
          kit.updateProgress(key, ProgressUpdate.PARTS_ON_ORDER, "Valve ordered");
      case INCOMPLETE -> kit.updateProgress(key, ProgressUpdate.INCOMPLETE, null);
      case REJECT_COMPLETION -> kit.rejectCompletion(key, "The tap still drips");
      case NOTE_WITH_FILES ->
          kit.addNote(
              key,
              "photos",
              NoteAuthor.PROVIDER,
              List.of(
                  NewAttachment.of("a.jpg", "image/jpeg", new byte[] {1}),
                  NewAttachment.of("b.pdf", "application/pdf", new byte[] {2})));
      case REQUEST_NTE -> kit.requestNteIncrease(key, higher(before), "parts");
      case APPROVE_NTE -> kit.approveNteIncrease(key, null);
      case REJECT_NTE -> kit.rejectNteIncrease(key, "too much");
      default -> throw new IllegalArgumentException(step.name());
    }
  }

  /** A reply from the current provider to the latest service request it received. */
  private static InboundMessage reply(
      RecordingMailSender sender, WorkOrder order, Step step, int sequence) {
    ProviderId provider = order.provider();
    String address =
        provider.equals(Fixtures.PROVIDER)
            ? Fixtures.PROVIDER_ADDRESS
            : Fixtures.OTHER_PROVIDER_ADDRESS;
    List<OutboundMail> requests =
        sender.sentTo(address).stream().filter(m -> m.kind() == MailKind.DISPATCH).toList();
    OutboundMail request = requests.get(requests.size() - 1);
    String text =
        switch (step) {
          case REPLY_OK -> "OK";
          case REPLY_NON -> "Non";
          case REPLY_UNCLEAR -> "Qui est le contact sur place ?";
          case REPLY_NTE ->
              "Demande d'augmentation NTE : " + higher(order).amount().toPlainString() + " €";
          default -> "Je suis absent";
        };
    String subject =
        step == Step.AUTO_REPLY ? "Réponse automatique : absent" : "RE: " + request.subject();
    if (step == Step.BOUNCE) {
      subject = "Undelivered Mail Returned to Sender";
      text = "delivery failed";
    }
    return InboundMessage.builder()
        .messageId("m" + sequence + "@" + address.substring(address.indexOf('@') + 1))
        .from(step == Step.BOUNCE ? "MAILER-DAEMON@mx.host.example" : address)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject(subject)
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text)
        .build();
  }
}
