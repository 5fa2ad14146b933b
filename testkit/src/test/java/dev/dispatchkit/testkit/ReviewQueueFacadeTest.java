package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.NotFoundException;
import dev.dispatchkit.error.ReviewResolvedException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.MailHeaders;
import dev.dispatchkit.reply.ReviewDecision;
import dev.dispatchkit.reply.ReviewItem;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review queue through the facade on the in-memory store: what a person reads and decides. */
class ReviewQueueFacadeTest {

  static final String UNCLEAR_TEXT = "Peut-être jeudi, je vous redis demain.";

  SettableClock clock = SettableClock.at(Fixtures.T0);
  InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
  RecordingMailSender sender = new RecordingMailSender();
  List<WorkOrderEvent> told = new CopyOnWriteArrayList<>();
  DispatchKit kit;
  WorkOrder order;
  OutboundMail serviceRequest;

  @BeforeEach
  void setUp() {
    kit =
        Fixtures.kit(store, sender, clock)
            .trustedAuthServIds(Set.of("mx.host.example"))
            .listener(
                new DispatchListener() {
                  @Override
                  public void statusChanged(WorkOrder o, WorkOrderEvent event) {
                    told.add(event);
                  }
                })
            .build();
    kit.savePreference(Fixtures.preference());
    order = kit.dispatch(Fixtures.dispatch().build());
    serviceRequest = relayed(Fixtures.PROVIDER_ADDRESS).get(0);
    sender.clear();
  }

  @Test
  void anUnclearReplyWaitsWithItsTextAndAnAcceptConfirmsTheOrderOnce() {
    InboundResult handled =
        kit.handle(
            reply("<unclear-1@acme.example>", serviceRequest, UNCLEAR_TEXT + "\n\n> OK ou Non ?"));
    assertThat(handled.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);

    List<ReviewItem> queue = kit.reviewQueue(10);
    assertThat(queue).hasSize(1);
    ReviewItem item = queue.get(0);
    assertThat(item.id()).isEqualTo("<unclear-1@acme.example>");
    assertThat(item.receivedAt()).isEqualTo(Fixtures.T0);
    assertThat(item.from()).isEqualTo(Fixtures.PROVIDER_ADDRESS);
    assertThat(item.subject()).isEqualTo("RE: " + serviceRequest.subject());
    assertThat(item.text())
        .startsWith(UNCLEAR_TEXT + "\n\n----- message as received -----\n")
        .endsWith("> OK ou Non ?");
    assertThat(item.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(item.reason()).isEqualTo("no-decision-word");
    assertThat(item.key()).isEqualTo(order.key());
    assertThat(kit.reviewQueue(Fixtures.SUBSCRIBER, 10)).containsExactly(item);

    clock.advance(Duration.ofMinutes(20));
    Instant decidedAt = clock.instant();
    told.clear();
    Optional<WorkOrder> accepted =
        kit.resolveReview(item.id(), ReviewDecision.ACCEPT, "Confirmé au téléphone");

    assertThat(accepted).isPresent();
    assertThat(accepted.get().status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(accepted).isEqualTo(kit.find(order.subscriber(), order.trackingNumber()));
    List<WorkOrderEvent> timeline = kit.timeline(order.key());
    assertThat(timeline)
        .extracting(WorkOrderEvent::kind)
        .endsWith(CommandKind.ADD_NOTE, CommandKind.ACCEPT, CommandKind.ADD_NOTE);
    WorkOrderEvent.NoteAdded decided = (WorkOrderEvent.NoteAdded) timeline.get(timeline.size() - 1);
    assertThat(decided.at()).isEqualTo(decidedAt);
    assertThat(decided.note().author()).isEqualTo(NoteAuthor.SYSTEM);
    assertThat(decided.note().text())
        .startsWith("Accepted by a person who read the reply received 2026-03-02T08:00:00Z")
        .contains("from " + Fixtures.PROVIDER_ADDRESS)
        .contains("<unclear-1@acme.example>")
        .endsWith("\nConfirmé au téléphone");
    assertThat(told)
        .extracting(WorkOrderEvent::kind)
        .containsExactly(CommandKind.ACCEPT, CommandKind.ADD_NOTE);
    assertThat(kit.reviewQueue(10)).isEmpty();
    assertThat(kit.reviewQueue(Fixtures.SUBSCRIBER, 10)).isEmpty();
    assertThat(store.inbox())
        .filteredOn(r -> r.dedupKey().equals(item.id()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reviewedAt()).isEqualTo(decidedAt);
              assertThat(r.reviewOutcome()).isEqualTo("ACCEPT");
              assertThat(r.needsReview()).isFalse();
            });
    // The client hears of the answer as of any answer of the provider.
    assertThat(relayed(Fixtures.CLIENT_ADDRESS))
        .extracting(OutboundMail::kind)
        .containsExactly(MailKind.NOTIFICATION);

    clock.advance(Duration.ofMinutes(1));
    for (ReviewDecision again : ReviewDecision.values()) {
      assertThatThrownBy(() -> kit.resolveReview(item.id(), again, null))
          .isInstanceOfSatisfying(
              ReviewResolvedException.class,
              e -> {
                assertThat(e.itemId()).isEqualTo(item.id());
                assertThat(e.decision()).isEqualTo("ACCEPT");
                assertThat(e.resolvedAt()).isEqualTo(decidedAt);
              });
    }
    assertThat(kit.timeline(order.key())).hasSameSizeAs(timeline);
    assertThat(relayed(Fixtures.CLIENT_ADDRESS)).isEmpty();
  }

  @Test
  void aDeclineTakesThePersonsNoteAsItsText() {
    String id = unclearReply("<unclear-2@acme.example>");
    WorkOrder declined =
        kit.resolveReview(id, ReviewDecision.DECLINE, "  Pas de technicien cette semaine  ")
            .orElseThrow();

    assertThat(declined.status()).isEqualTo(Status.DECLINED);
    List<WorkOrderEvent> timeline = kit.timeline(order.key());
    WorkOrderEvent.Declined decline = (WorkOrderEvent.Declined) timeline.get(timeline.size() - 2);
    assertThat(decline.reason()).isEqualTo(DeclineReason.OTHER);
    assertThat(decline.text()).isEqualTo("Pas de technicien cette semaine");
    WorkOrderEvent.NoteAdded decided = (WorkOrderEvent.NoteAdded) timeline.get(timeline.size() - 1);
    assertThat(decided.note().text())
        .startsWith("Declined by a person who read the reply")
        .doesNotContain("Pas de technicien");
    assertThat(kit.reviewQueue(10)).isEmpty();
    assertThat(reviewed(id).reviewOutcome()).isEqualTo("DECLINE");
  }

  @Test
  void aDeclineWithoutNoteHasNoReasonAndNoText() {
    String id = unclearReply("<unclear-3@acme.example>");
    kit.resolveReview(id, ReviewDecision.DECLINE, "   ");
    List<WorkOrderEvent> timeline = kit.timeline(order.key());
    WorkOrderEvent.Declined decline = (WorkOrderEvent.Declined) timeline.get(timeline.size() - 2);
    assertThat(decline.reason()).isNull();
    assertThat(decline.text()).isNull();
  }

  @Test
  void ignoreOnlyMarksTheItem() {
    String id = unclearReply("<unclear-4@acme.example>");
    WorkOrder before = kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
    int events = kit.timeline(order.key()).size();

    assertThat(kit.resolveReview(id, ReviewDecision.IGNORE, "spam")).contains(before);

    assertThat(kit.timeline(order.key())).hasSize(events);
    assertThat(kit.find(order.subscriber(), order.trackingNumber())).contains(before);
    assertThat(kit.reviewQueue(10)).isEmpty();
    assertThat(reviewed(id).reviewOutcome()).isEqualTo("IGNORE");
    assertThat(relayed(Fixtures.CLIENT_ADDRESS)).isEmpty();
    assertThatThrownBy(() -> kit.resolveReview(id, ReviewDecision.ACCEPT, null))
        .isInstanceOf(ReviewResolvedException.class);
    assertThat(kit.find(order.subscriber(), order.trackingNumber())).contains(before);
  }

  @Test
  void aCommandTheStatusRefusesMarksNothing() {
    String id = unclearReply("<unclear-5@acme.example>");
    kit.accept(order.key()); // answered in the portal meanwhile
    int events = kit.timeline(order.key()).size();

    assertThatThrownBy(() -> kit.resolveReview(id, ReviewDecision.DECLINE, "Non finalement"))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
              assertThat(e.command()).isEqualTo(CommandKind.DECLINE);
            });

    assertThat(kit.timeline(order.key())).hasSize(events);
    assertThat(kit.reviewQueue(10)).extracting(ReviewItem::id).containsExactly(id);
    InboxRecord waiting = inbox(id);
    assertThat(waiting.needsReview()).isTrue();
    assertThat(waiting.reviewedAt()).isNull();
    assertThat(kit.resolveReview(id, ReviewDecision.IGNORE, null)).isPresent();
    assertThat(kit.reviewQueue(10)).isEmpty();
  }

  @Test
  void aReplyToNoWorkOrderCanOnlyBeIgnored() {
    InboundMessage stray =
        InboundMessage.builder()
            .messageId("<stray@elsewhere.example>")
            .from("someone@elsewhere.example")
            .to("dispatch@host.example")
            .subject("Question")
            .htmlBody("<p>Bonjour,<br>qui êtes-vous&nbsp;?</p>")
            .build();
    assertThat(kit.handle(stray).outcome()).isEqualTo(InboundResult.Outcome.REVIEW);

    ReviewItem item = kit.reviewQueue(10).get(0);
    assertThat(item.key()).isNull();
    assertThat(item.reason()).isEqualTo("no-work-order");
    assertThat(item.text()).contains("qui êtes-vous").doesNotContain("<p>");
    assertThat(kit.reviewQueue(Fixtures.SUBSCRIBER, 10)).isEmpty();

    for (ReviewDecision decision : List.of(ReviewDecision.ACCEPT, ReviewDecision.DECLINE)) {
      assertThatThrownBy(() -> kit.resolveReview(item.id(), decision, null))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.violations().get(0)).contains("only IGNORE"));
    }
    assertThat(kit.reviewQueue(10)).containsExactly(item);
    assertThat(kit.resolveReview(item.id(), ReviewDecision.IGNORE, null)).isEmpty();
    assertThat(kit.reviewQueue(10)).isEmpty();
  }

  @Test
  void anUnknownIdOrAReplyThatNeededNoPersonIsNotFound() {
    assertThatThrownBy(() -> kit.resolveReview("<nothing@x>", ReviewDecision.IGNORE, null))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.reviewItemId()).isEqualTo("<nothing@x>");
              assertThat(e.key()).isNull();
            });
    kit.handle(reply("<ok@acme.example>", serviceRequest, "OK"));
    assertThatThrownBy(() -> kit.resolveReview("<ok@acme.example>", ReviewDecision.DECLINE, null))
        .isInstanceOf(NotFoundException.class);
    assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status())
        .isEqualTo(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void eachSubscriberSeesOnlyItsOwnItemsOldestFirst() {
    SubscriberId other = SubscriberId.of("client-2");
    kit.savePreference(
        new DispatchPreference(
            other,
            Fixtures.PROVIDER,
            Fixtures.PROVIDER_ADDRESS,
            List.of(),
            Locale.FRENCH,
            "facilities@client-2.example",
            false));
    WorkOrder theirs =
        kit.dispatch(Fixtures.dispatch().subscriber("client-2").trackingNumber("777001").build());
    OutboundMail theirRequest = relayed(Fixtures.PROVIDER_ADDRESS).get(0);

    kit.handle(reply("<mine-late@acme.example>", serviceRequest, "Je regarde."));
    clock.advance(Duration.ofMinutes(1));
    kit.handle(reply("<theirs@acme.example>", theirRequest, "Hmm."));
    clock.set(Fixtures.T0.minusSeconds(60));
    kit.handle(reply("<mine-early@acme.example>", serviceRequest, "On verra."));

    assertThat(kit.reviewQueue(Fixtures.SUBSCRIBER, 10))
        .extracting(ReviewItem::id)
        .containsExactly("<mine-early@acme.example>", "<mine-late@acme.example>");
    assertThat(kit.reviewQueue(Fixtures.SUBSCRIBER, 1))
        .extracting(ReviewItem::id)
        .containsExactly("<mine-early@acme.example>");
    assertThat(kit.reviewQueue(other, 10))
        .singleElement()
        .satisfies(i -> assertThat(i.key()).isEqualTo(theirs.key()));
    assertThat(kit.reviewQueue(10))
        .extracting(ReviewItem::id)
        .containsExactly(
            "<mine-early@acme.example>", "<mine-late@acme.example>", "<theirs@acme.example>");
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsMarked() {
    String id = unclearReply("<unclear-6@acme.example>");
    assertThatThrownBy(() -> kit.reviewQueue(0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> kit.reviewQueue(Fixtures.SUBSCRIBER, -1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> kit.resolveReview(id, ReviewDecision.DECLINE, "x".repeat(2001)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> kit.resolveReview(id, ReviewDecision.ACCEPT, "bell \u0007"))
        .isInstanceOf(ValidationException.class);
    assertThat(kit.reviewQueue(10)).extracting(ReviewItem::id).containsExactly(id);
  }

  @Test
  void aLongReplyIsKeptUpToTheLimit() {
    String body = "Pourquoi ? " + "bla ".repeat(30_000);
    kit.handle(reply("<long@acme.example>", serviceRequest, body));
    ReviewItem item = kit.reviewQueue(10).get(0);
    assertThat(item.text()).hasSize(ReviewItem.MAX_TEXT).startsWith("Pourquoi ? bla bla");
  }

  @Test
  void anAcceptFromAnUnexpectedSenderIsReviewedAndAPersonCanApplyIt() {
    InboundMessage fromColleague =
        InboundMessage.builder()
            .messageId("<colleague@acme.example>")
            .from("tech@somewhere.example")
            .to(serviceRequest.replyTo())
            .inReplyTo(serviceRequest.messageId())
            .subject("RE: " + serviceRequest.subject())
            .textBody("OK, j'y vais")
            .build();
    assertThat(kit.handle(fromColleague).outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    ReviewItem item = kit.reviewQueue(Fixtures.SUBSCRIBER, 10).get(0);
    assertThat(item.reason()).isEqualTo("sender-not-allowed");
    assertThat(item.text()).isEqualTo("OK, j'y vais");
    assertThat(kit.resolveReview(item.id(), ReviewDecision.ACCEPT, null).orElseThrow().status())
        .isEqualTo(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void aClearReplyFailingDmarcWaitsWithTheOutcomeAsItsReason() {
    InboundMessage forged =
        InboundMessage.builder()
            .messageId("<forged@acme.example>")
            .from(Fixtures.PROVIDER_ADDRESS)
            .to(serviceRequest.replyTo())
            .inReplyTo(serviceRequest.messageId())
            .subject("RE: " + serviceRequest.subject())
            .headers(
                MailHeaders.of(
                    List.of(
                        new MailHeaders.Field(
                            "Authentication-Results", "mx.host.example; dmarc=fail"))))
            .textBody("Non")
            .build();
    assertThat(kit.handle(forged).outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    ReviewItem item = kit.reviewQueue(10).get(0);
    assertThat(item.intent()).isEqualTo(Intent.DECLINE);
    assertThat(item.reason()).isEqualTo("dmarc-fail");
    assertThat(item.text()).isEqualTo("Non");
    kit.resolveReview(item.id(), ReviewDecision.IGNORE, null);
    assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status())
        .isEqualTo(Status.OPEN);
  }

  @Test
  void aHostileMessageIdDoesNotStopTheDecision() {
    String id = unclearReply("<bad\u0007id\u2028" + "x".repeat(1000) + "@acme.example>");
    WorkOrder accepted = kit.resolveReview(id, ReviewDecision.ACCEPT, null).orElseThrow();
    assertThat(accepted.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    List<WorkOrderEvent> timeline = kit.timeline(order.key());
    String note = ((WorkOrderEvent.NoteAdded) timeline.get(timeline.size() - 1)).note().text();
    assertThat(note).contains("(review item <bad id x").endsWith("x...).").hasSizeLessThan(500);
  }

  @Test
  void theDocsSnippetRuns() {
    unclearReply("<snippet@acme.example>");
    // tag::review-queue[]
    List<ReviewItem> waiting = kit.reviewQueue(SubscriberId.of("client-1"), 50); // oldest first
    ReviewItem item = waiting.get(0);
    // item.text() is the reply as received, item.reason() why it waits ("no-decision-word")
    Optional<WorkOrder> answered =
        kit.resolveReview(item.id(), ReviewDecision.ACCEPT, "Confirmed on the phone");
    // end::review-queue[]
    assertThat(item.reason()).isEqualTo("no-decision-word");
    assertThat(answered.orElseThrow().status()).isEqualTo(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void theDocsShowTheSnippetVerbatim() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "replies.md"));
    String source =
        Files.readString(
            Path.of(
                "src",
                "test",
                "java",
                "dev",
                "dispatchkit",
                "testkit",
                "ReviewQueueFacadeTest.java"));
    Matcher shown =
        Pattern.compile("<!-- snippet: review-queue -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(doc);
    assertThat(shown.find()).as("the snippet in docs/replies.md").isTrue();
    Matcher region =
        Pattern.compile(
                "\\n([ \\t]*)// tag::review-queue\\[]\\n(.*?)\\n[ \\t]*// end::review-queue\\[]",
                Pattern.DOTALL)
            .matcher(source);
    assertThat(region.find()).isTrue();
    String indent = region.group(1);
    String code =
        region
            .group(2)
            .lines()
            .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
            .collect(Collectors.joining("\n"));
    assertThat(shown.group(1)).isEqualTo(code);
  }

  private String unclearReply(String messageId) {
    assertThat(kit.handle(reply(messageId, serviceRequest, UNCLEAR_TEXT)).outcome())
        .isEqualTo(InboundResult.Outcome.REVIEW);
    relayed(Fixtures.PROVIDER_ADDRESS); // the clarification request
    sender.clear();
    return messageId;
  }

  private InboxRecord inbox(String id) {
    return store.inbox().stream().filter(r -> r.dedupKey().equals(id)).findFirst().orElseThrow();
  }

  private InboxRecord reviewed(String id) {
    InboxRecord r = inbox(id);
    assertThat(r.needsReview()).isFalse();
    assertThat(r.reviewedAt()).isEqualTo(clock.instant());
    return r;
  }

  private List<OutboundMail> relayed(String to) {
    while (kit.relayOutbox() > 0) {
      // drain
    }
    List<OutboundMail> sent = sender.sentTo(to);
    sender.clear();
    return sent;
  }

  private static InboundMessage reply(String messageId, OutboundMail request, String text) {
    return InboundMessage.builder()
        .messageId(messageId)
        .from(Fixtures.PROVIDER_ADDRESS)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject("RE: " + request.subject())
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text)
        .build();
  }
}
