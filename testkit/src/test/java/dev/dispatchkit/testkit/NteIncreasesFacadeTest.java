package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.NteExceededException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NTE increases and notes with several files, through the facade on the in-memory store. */
class NteIncreasesFacadeTest {

  SettableClock clock = SettableClock.at(Fixtures.T0);
  InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
  RecordingMailSender sender = new RecordingMailSender();
  InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
  DispatchKit kit;
  WorkOrder order;
  OutboundMail serviceRequest;

  @BeforeEach
  void setUp() {
    kit =
        Fixtures.kit(store, sender, clock)
            .attachmentStore(attachments)
            .attachments(Set.of("image/jpeg", "application/pdf"), 100)
            .build();
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    order = kit.dispatch(Fixtures.dispatch().build());
    kit.relayOutbox();
    serviceRequest = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    sender.clear();
  }

  @Test
  void anIncreaseAskedAndApprovedSetsTheNewNteWithItsMails() {
    Money cost = Money.of("612.40", "EUR");
    assertThatThrownBy(() -> current().nte().requireWithin(cost))
        .isInstanceOf(NteExceededException.class);

    WorkOrder asked =
        kit.requestNteIncrease(order.key(), Money.of("750", "EUR"), "Le ballon est à changer");
    assertThat(asked.pendingNteIncrease().requested()).isEqualTo(Nte.of("750.00", "EUR"));
    assertThat(asked.nte()).isEqualTo(Fixtures.NTE);
    kit.relayOutbox();
    List<OutboundMail> toClient = sender.sentTo(Fixtures.CLIENT_ADDRESS);
    assertThat(toClient).hasSize(1);
    assertThat(toClient.get(0).textBody()).contains("750,00").contains("500,00").contains("ballon");

    WorkOrder approved = kit.approveNteIncrease(order.key(), "D'accord, allez-y");
    assertThat(approved.nte()).isEqualTo(Nte.of("750", "EUR"));
    assertThat(approved.nte().amount().scale()).isEqualTo(2);
    assertThat(approved.pendingNteIncrease()).isNull();
    assertThat(approved.nte().requireWithin(cost)).isEqualTo(cost);
    assertThatThrownBy(() -> approved.nte().requireWithin(Money.of("750.01", "EUR")))
        .isInstanceOf(NteExceededException.class);
    kit.relayOutbox();
    List<OutboundMail> toProvider = sender.sentTo(Fixtures.PROVIDER_ADDRESS);
    assertThat(toProvider).hasSize(1);
    assertThat(toProvider.get(0).textBody()).contains("750,00").contains("D'accord, allez-y");

    assertThat(kit.timeline(order.key()))
        .extracting(WorkOrderEvent::kind)
        .endsWith(CommandKind.REQUEST_NTE_INCREASE, CommandKind.APPROVE_NTE_INCREASE);
    WorkOrderEvent last = kit.timeline(order.key()).get(kit.timeline(order.key()).size() - 1);
    assertThat(((WorkOrderEvent.NteIncreaseApproved) last).comment())
        .isEqualTo("D'accord, allez-y");
  }

  @Test
  void aRejectionKeepsTheNteAndTellsTheProvider() {
    kit.requestNteIncrease(order.key(), Money.of("750", "EUR"), "Pièces");
    WorkOrder rejected = kit.rejectNteIncrease(order.key(), "Trop cher");
    assertThat(rejected.nte()).isEqualTo(Fixtures.NTE);
    assertThat(rejected.pendingNteIncrease()).isNull();
    kit.relayOutbox();
    assertThat(sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0).textBody()).contains("Trop cher");
  }

  @Test
  void badIncreasesAreRefusedNamingTheOrderAndChangeNothing() {
    String tn = order.trackingNumber().value();
    for (Money bad :
        List.of(Money.of("0", "EUR"), Money.of("750", "USD"), Money.of("500", "EUR"))) {
      assertThatThrownBy(() -> kit.requestNteIncrease(order.key(), bad, "raison"))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(tn);
    }
    assertThatThrownBy(() -> Money.of("-1", "EUR")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> kit.approveNteIncrease(order.key(), null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(tn)
        .hasMessageContaining("no NTE increase request is pending");
    assertThatThrownBy(() -> kit.rejectNteIncrease(order.key(), "non"))
        .isInstanceOf(IllegalTransitionException.class);
    kit.requestNteIncrease(order.key(), Money.of("750", "EUR"), "raison");
    WorkOrder pending = current();
    assertThatThrownBy(() -> kit.requestNteIncrease(order.key(), Money.of("800", "EUR"), "encore"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("already pending");
    assertThat(current()).isEqualTo(pending);
    assertThat(kit.timeline(order.key())).hasSize((int) pending.version());
  }

  @Test
  void aProviderAsksByEmail() {
    OutboundMail request = serviceRequest;
    InboundResult result =
        kit.handle(reply(request, "Demande d'augmentation NTE : 1 250,50 €\nBallon HS.").build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(result.decision().intent()).isEqualTo(Intent.NTE_INCREASE);
    WorkOrder asked = current();
    assertThat(asked.pendingNteIncrease().requested()).isEqualTo(Nte.of("1250.50", "EUR"));
    assertThat(asked.pendingNteIncrease().reason()).isEqualTo("Ballon HS.");
    kit.relayOutbox();
    assertThat(sender.sentTo(Fixtures.CLIENT_ADDRESS)).hasSize(1);
  }

  @Test
  void anUnreadableOrRefusedAmountByEmailChangesNothing() {
    OutboundMail request = serviceRequest;
    InboundResult unclear =
        kit.handle(reply(request, "Demande d'augmentation NTE : 750 ou 800 €").build());
    assertThat(unclear.decision().intent()).isEqualTo(Intent.UNCLEAR);
    InboundResult notAbove =
        kit.handle(
            reply(request, "Demande d'augmentation NTE : 400 €")
                .messageId("r2@acme-plumbing.example")
                .build());
    assertThat(notAbove.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    assertThat(current().pendingNteIncrease()).isNull();
    assertThat(current().nte()).isEqualTo(Fixtures.NTE);
  }

  @Test
  void aNoteCarriesSeveralFiles() {
    List<NewAttachment> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(NewAttachment.of("photo" + i + ".jpg", "image/jpeg", new byte[] {1, 2, 3}));
    }
    WorkOrder after = kit.addNote(order.key(), "Photos du ballon", NoteAuthor.PROVIDER, files);
    assertThat(after.attachments()).hasSize(5);
    assertThat(after.notes().get(after.notes().size() - 1).attachmentIds())
        .containsExactlyElementsOf(after.attachments().stream().map(a -> a.id()).toList());
    assertThat(attachments.size()).isEqualTo(5);
  }

  @Test
  void tooManyOrABadFileStoresNothing() {
    List<NewAttachment> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(NewAttachment.of("p" + i + ".jpg", "image/jpeg", new byte[] {1}));
    }
    assertThatThrownBy(() -> kit.addNote(order.key(), "trop", NoteAuthor.PROVIDER, six))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TOO_MANY_FILES))
        .hasMessageContaining(order.trackingNumber().value());
    List<NewAttachment> badType =
        List.of(
            NewAttachment.of("a.jpg", "image/jpeg", new byte[] {1}),
            NewAttachment.of("b.exe", "application/x-msdownload", new byte[] {1}));
    assertThatThrownBy(() -> kit.addNote(order.key(), "type", NoteAuthor.PROVIDER, badType))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TYPE_NOT_ALLOWED));
    List<NewAttachment> tooLarge =
        List.of(
            NewAttachment.of("a.jpg", "image/jpeg", new byte[] {1}),
            NewAttachment.of("b.pdf", "application/pdf", new byte[101]));
    assertThatThrownBy(() -> kit.addNote(order.key(), "taille", NoteAuthor.PROVIDER, tooLarge))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TOO_LARGE));
    List<NewAttachment> unreadable =
        List.of(
            NewAttachment.of("a.jpg", "image/jpeg", new byte[] {1}),
            new NewAttachment(
                "b.pdf",
                "application/pdf",
                () -> {
                  throw new IOException("disk gone");
                }));
    assertThatThrownBy(() -> kit.addNote(order.key(), "io", NoteAuthor.PROVIDER, unreadable))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.STORAGE_FAILED));
    assertThat(attachments.size()).isZero();
    assertThat(current()).isEqualTo(order);
  }

  private WorkOrder current() {
    return kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  private static InboundMessage.Builder reply(OutboundMail request, String text) {
    return InboundMessage.builder()
        .messageId("r-" + text.hashCode() + "@acme-plumbing.example")
        .from(Fixtures.PROVIDER_ADDRESS)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject("RE: " + request.subject())
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text);
  }
}
