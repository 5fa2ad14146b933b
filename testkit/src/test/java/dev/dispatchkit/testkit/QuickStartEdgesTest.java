package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.NotFoundException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rough edges of the quick start (issue 13), through the facade. */
class QuickStartEdgesTest {

  private final SettableClock clock = SettableClock.at(Fixtures.T0);
  private final InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
  private final RecordingMailSender sender = new RecordingMailSender();
  private final List<String> reviews = new ArrayList<>();
  private final DispatchKit kit =
      Fixtures.kit(store, sender, clock)
          .listener(
              new DispatchListener() {
                @Override
                public void reviewNeeded(InboxRecord record) {
                  reviews.add(record.outcome());
                }
              })
          .build();

  private WorkOrder dispatched(Fixtures.DispatchBuilder command) {
    kit.savePreference(Fixtures.preference());
    WorkOrder order = kit.dispatch(command.build());
    kit.relayOutbox();
    return order;
  }

  private InboundResult reply(String text) {
    OutboundMail request = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    return kit.handle(
        InboundMessage.builder()
            .messageId("r-" + text.hashCode() + "@acme-plumbing.example")
            .from(Fixtures.PROVIDER_ADDRESS)
            .to(request.replyTo())
            .inReplyTo(request.messageId())
            .subject("RE: " + request.subject())
            // Monday 2 March 2026, 10:00 in Paris: "jeudi" is the 5th.
            .date(OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.ofHours(1)))
            .textBody(text)
            .build());
  }

  private WorkOrder current(WorkOrder order) {
    return kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  @Test
  void aPreferenceIsSavedAndReadThroughTheFacade() {
    assertThat(kit.preference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).isEmpty();
    kit.savePreference(Fixtures.preference());
    assertThat(kit.preference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER))
        .contains(Fixtures.preference());
    assertThat(kit.preference(Fixtures.SUBSCRIBER, Fixtures.OTHER_PROVIDER)).isEmpty();
    assertThat(kit.dispatch(Fixtures.dispatch().build()).status()).isEqualTo(Status.OPEN);
  }

  @Test
  void aMissingWorkOrderIsNotFoundForEveryCommand() {
    WorkOrderKey missing = new WorkOrderKey(Fixtures.SUBSCRIBER, TrackingNumber.of("999999"));
    List<Runnable> commands =
        List.of(
            () -> kit.accept(missing),
            () -> kit.decline(missing, null, null),
            () -> kit.reassign(missing, Fixtures.OTHER_PROVIDER),
            () -> kit.addNote(missing, "hello", NoteAuthor.CLIENT),
            () -> kit.checkIn(missing),
            () -> kit.complete(missing),
            () -> kit.confirm(missing),
            () -> kit.cancel(missing, null),
            () ->
                kit.addAttachment(
                    missing, "a.pdf", "application/pdf", new ByteArrayInputStream(new byte[1])));
    for (Runnable command : commands) {
      assertThatThrownBy(command::run)
          .isInstanceOfSatisfying(
              NotFoundException.class, e -> assertThat(e.key()).isEqualTo(missing))
          .hasMessageContaining("999999");
    }
  }

  @Test
  void allowedCommandsListOnlyWhatAHostMayCall() {
    WorkOrder order = dispatched(Fixtures.dispatch());
    assertThat(order.allowedCommands()).contains(CommandKind.RECORD_DISPATCH_MESSAGE);
    assertThat(kit.allowedCommands(order.key()))
        .contains(CommandKind.ACCEPT, CommandKind.DECLINE, CommandKind.CANCEL)
        .doesNotContain(CommandKind.RECORD_DISPATCH_MESSAGE, CommandKind.DISPATCH);
  }

  @Test
  void theProvidersDateIsItsCommitmentNotAReschedule() {
    WorkOrder order = dispatched(Fixtures.dispatch());
    InboundResult result = reply("Ok pour moi, passage jeudi 14h");

    ExpectedDate thursday = ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 14, 0), Fixtures.PARIS);
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(result.appliedDate()).isEqualTo(thursday);
    WorkOrder accepted = current(order);
    assertThat(accepted.expectedDate()).isEqualTo(thursday);
    assertThat(accepted.rescheduleCount()).isZero();
    // The note keeps the provider's words, the accept word included.
    assertThat(accepted.notes())
        .extracting(Note::text)
        .containsExactly("Ok pour moi, passage jeudi 14h");

    clock.advance(Duration.ofHours(1));
    kit.changeExpectedDate(
        order.key(),
        ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 9, 0), Fixtures.PARIS),
        "the site is closed on Thursday",
        Fixtures.ALICE);
    assertThat(current(order).rescheduleCount()).isEqualTo(1);
    // The timeline still rebuilds the same work order.
    assertThat(WorkOrder.replay(kit.timeline(order.key()))).isEqualTo(current(order));
  }

  @Test
  void aProposedDateNeedsAContactToNotify() {
    WorkOrder order = dispatched(Fixtures.dispatch().contacts());
    InboundResult result = reply("OK, passage jeudi 14h");

    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(result.decision().proposedDate()).isNotNull();
    assertThat(result.appliedDate()).isNull();
    assertThat(current(order).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(current(order).expectedDate()).isEqualTo(order.expectedDate());
  }

  @Test
  void aDateTooFarAwayIsNotAppliedAndTheReplyGoesToReview() {
    WorkOrder order = dispatched(Fixtures.dispatch());
    InboundResult result = reply("OK, passage le 14 mai à 10h");

    assertThat(result.decision().proposedDate()).isEqualTo(LocalDateTime.of(2026, 5, 14, 10, 0));
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(result.appliedDate()).isNull();
    WorkOrder after = current(order);
    assertThat(after.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(after.expectedDate()).isEqualTo(order.expectedDate());
    assertThat(reviews).containsExactly("proposed-date-too-far");
    List<InboxRecord> needingReview = store.inTransaction(tx -> tx.inbox().needingReview(10));
    assertThat(needingReview)
        .extracting(InboxRecord::outcome)
        .containsExactly("proposed-date-too-far");
  }

  @Test
  void anEmptyInboxWhileAnswersAreOverdueWarnsOnceAnHour() {
    InMemoryMailSource inbox = new InMemoryMailSource();
    dispatched(Fixtures.dispatch()); // URGENT: the answer is due 30 minutes later
    assertThat(warnings(() -> kit.pollOnce(inbox, 10))).doesNotContain("plus addressing");

    clock.advance(Duration.ofMinutes(45));
    assertThat(warnings(() -> kit.pollOnce(inbox, 10)))
        .contains("1 work order(s) are past their response deadline")
        .contains("dispatch+<token>@host.example")
        .contains("docs/mail.md");
    clock.advance(Duration.ofMinutes(30));
    assertThat(warnings(() -> kit.pollOnce(inbox, 10))).doesNotContain("plus addressing");
    clock.advance(Duration.ofMinutes(31));
    assertThat(warnings(() -> kit.pollOnce(inbox, 10))).contains("plus addressing");
  }

  /** What the SLF4J simple logger wrote to standard error while {@code action} ran. */
  private static String warnings(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
