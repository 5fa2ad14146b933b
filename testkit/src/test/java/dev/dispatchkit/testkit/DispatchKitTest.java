package dev.dispatchkit.testkit;

import static dev.dispatchkit.testkit.DispatchKitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.MailHeaders;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatchKitTest {

  SettableClock clock = SettableClock.at(Fixtures.T0);
  InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
  RecordingMailSender sender = new RecordingMailSender();
  InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
  List<String> told = new ArrayList<>();
  DispatchKit kit;

  @BeforeEach
  void setUp() {
    kit = kit(Optional.empty());
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

  DispatchKit kit(Optional<dev.dispatchkit.workorder.ProviderId> fallback) {
    return Fixtures.kit(store, sender, clock)
        .attachmentStore(attachments)
        .trustedAuthServIds(Set.of("mx.host.example"))
        .outboxRetry(3, Duration.ofMinutes(1), Duration.ofMinutes(10))
        .fallbackProvider(o -> fallback)
        .listener(
            new DispatchListener() {
              @Override
              public void statusChanged(
                  WorkOrder order, dev.dispatchkit.workorder.WorkOrderEvent e) {
                told.add("changed:" + e.kind());
              }

              @Override
              public void reviewNeeded(InboxRecord record) {
                told.add("review:" + record.outcome());
              }

              @Override
              public void responseOverdue(WorkOrder order) {
                told.add("overdue");
              }

              @Override
              public void late(WorkOrder order) {
                told.add("late");
              }

              @Override
              public void mailBlocked(OutboxEntry entry) {
                told.add("blocked");
              }

              @Override
              public void messageTooCostly(String receipt, String why) {
                told.add("too-costly:" + why);
              }
            })
        .build();
  }

  WorkOrder dispatched() {
    WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
    kit.relayOutbox();
    return order;
  }

  OutboundMail serviceRequest() {
    return sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
  }

  InboundMessage.Builder reply(String text) {
    OutboundMail request = serviceRequest();
    return InboundMessage.builder()
        .messageId("r-" + text.hashCode() + "@acme-plumbing.example")
        .from(Fixtures.PROVIDER_ADDRESS)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject("RE: " + request.subject())
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text);
  }

  WorkOrder current(WorkOrder order) {
    return kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  @Test
  void buildNamesEveryMissingSetting() {
    assertThatThrownBy(() -> DispatchKit.builder().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.settings())
                    .contains(
                        "store",
                        "mailSender",
                        "attachmentStore",
                        "replyTokens",
                        "fromAddress",
                        "replyAddress"));
  }

  @Test
  void dispatchStoresTheOrderAndQueuesOneServiceRequest() {
    WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
    assertThat(order).hasStatus(Status.OPEN).hasVersion(2);
    assertThat(store.outbox()).hasSize(1);
    assertThat(sender.sent()).isEmpty();
    assertThat(kit.relayOutbox()).isEqualTo(1);
    OutboundMail mail = serviceRequest();
    assertThat(mail.kind()).isEqualTo(MailKind.DISPATCH);
    assertThat(mail.subject()).contains("#100200").startsWith("Demande d'intervention");
    assertThat(mail.messageId()).isEqualTo(order.dispatchMessageId()).endsWith("@host.example");
    assertThat(mail.replyTo()).startsWith("dispatch+").endsWith("@host.example");
    assertThat(Fixtures.REPLY_TOKENS.verifyAddress(mail.replyTo())).isPresent();
    assertThat(mail.textBody())
        .contains(
            "17 rue du Docteur Bouchut",
            "+33 4 72 00 00 00",
            "Leak under the sink",
            "Valve closed",
            "Priorité : Urgent", // in words, never the enum name
            "100200",
            "500,00",
            "10:00",
            "OK",
            "Non");
    assertThat(kit.timeline(order.key())).hasSize(2);
    assertThat(told).containsExactly("changed:DISPATCH", "changed:RECORD_DISPATCH_MESSAGE");
  }

  @Test
  void htmlEscapesEveryValue() {
    kit.dispatch(
        Fixtures.dispatch()
            .problem(
                new dev.dispatchkit.workorder.Problem("PLUMBING", "<script>x</script>", "a & b"))
            .build());
    kit.relayOutbox();
    assertThat(serviceRequest().htmlBody())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;", "a &amp; b");
  }

  @Test
  void replyOkAcceptsAndTellsTheClient() {
    WorkOrder order = dispatched();
    InboundResult result = kit.handle(reply("OK, technicien en route").build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(current(order))
        .hasStatus(Status.DISPATCH_CONFIRMED)
        .hasNoteContaining("technicien en route");
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION, 1);
  }

  @Test
  void replyNonDeclinesWithReason() {
    WorkOrder order = dispatched();
    kit.handle(reply("Non, pas dispo cette semaine").build());
    WorkOrder after = current(order);
    assertThat(after).hasStatus(Status.DECLINED);
    assertThat(after.decline().reason())
        .isEqualTo(dev.dispatchkit.workorder.DeclineReason.CANT_MAKE_DATE);
    kit.relayOutbox();
    assertThat(sender.sentTo(Fixtures.CLIENT_ADDRESS))
        .singleElement()
        .satisfies(
            mail ->
                assertThat(mail.textBody())
                    .contains("a refusé la demande #" + order.trackingNumber().value())
                    .contains("Raison : indisponible à la date prévue")
                    .contains("Message : pas dispo cette semaine"));
  }

  @Test
  void replyWithProposedDateMovesTheExpectedDate() {
    WorkOrder order = dispatched();
    kit.handle(reply("OK, sur place demain 10h").build());
    WorkOrder after = current(order);
    assertThat(after).hasStatus(Status.DISPATCH_CONFIRMED);
    assertThat(after.expectedDate().localDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 3, 10, 0));
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.ALICE.email(), MailKind.NOTIFICATION, 1);
  }

  @Test
  void sameMessageTwiceIsAppliedOnce() {
    WorkOrder order = dispatched();
    InboundMessage ok = reply("OK").build();
    assertThat(kit.handle(ok).outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(kit.handle(ok).outcome()).isEqualTo(InboundResult.Outcome.DUPLICATE);
    assertThat(current(order)).hasVersion(3);
    InboundMessage noId = reply("OK").messageId(null).build();
    kit.handle(noId);
    assertThat(kit.handle(noId).outcome()).isEqualTo(InboundResult.Outcome.DUPLICATE);
  }

  @Test
  void lateNonAfterOkChangesNothingAndGetsOnePoliteAnswer() {
    WorkOrder order = dispatched();
    kit.handle(reply("OK").build());
    InboundResult late = kit.handle(reply("Non").build());
    InboundResult again = kit.handle(reply("Non merci").messageId("other@x.example").build());
    assertThat(late.outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);
    assertThat(again.outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);
    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED);
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE, 1);
  }

  @Test
  void concurrentOkAndNonExactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      store = new InMemoryWorkOrderStore();
      sender = new RecordingMailSender();
      setUp();
      WorkOrder order = dispatched();
      InboundMessage ok = reply("OK").messageId("ok" + round + "@x.example").build();
      InboundMessage non = reply("Non").messageId("non" + round + "@x.example").build();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<InboundResult> a =
            pool.submit(
                () -> {
                  start.await();
                  return kit.handle(ok);
                });
        Future<InboundResult> b =
            pool.submit(
                () -> {
                  start.await();
                  return kit.handle(non);
                });
        start.countDown();
        List<InboundResult.Outcome> outcomes =
            List.of(a.get(30, TimeUnit.SECONDS).outcome(), b.get(30, TimeUnit.SECONDS).outcome());
        assertThat(outcomes)
            .containsExactlyInAnyOrder(
                InboundResult.Outcome.APPLIED, InboundResult.Outcome.NOT_APPLIED);
      } finally {
        pool.shutdownNow();
      }
      Status status = current(order).status();
      assertThat(status).isIn(Status.DISPATCH_CONFIRMED, Status.DECLINED);
    }
  }

  @Test
  void replyFromAnotherSenderIsNotApplied() {
    WorkOrder order = dispatched();
    InboundResult result = kit.handle(reply("OK").from("intruder@evil.example").build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    assertThat(current(order)).hasStatus(Status.OPEN);
    kit.relayOutbox();
    assertThat(sender).sentNothingTo("intruder@evil.example");
    assertThat(told).contains("review:unclear");
  }

  @Test
  void forgedTokenWithoutOtherCorrelationFindsNothing() {
    WorkOrder order = dispatched();
    InboundResult result =
        kit.handle(
            InboundMessage.builder()
                .messageId("forged@x.example")
                .from(Fixtures.PROVIDER_ADDRESS)
                .to("dispatch+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@host.example")
                .subject("RE: hello")
                .textBody("OK")
                .build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    assertThat(current(order)).hasStatus(Status.OPEN);
  }

  @Test
  void dmarcFailFromTrustedServerIsNotApplied() {
    WorkOrder order = dispatched();
    InboundMessage forged =
        reply("OK")
            .headers(
                MailHeaders.of(
                    List.of(
                        new MailHeaders.Field(
                            "Authentication-Results",
                            "mx.host.example; dmarc=fail (p=none) header.from=acme-plumbing.example"))))
            .build();
    InboundResult result = kit.handle(forged);
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    assertThat(current(order)).hasStatus(Status.OPEN);
    assertThat(told).contains("review:dmarc-fail");
  }

  @Test
  void dmarcFailFromUntrustedServerIsIgnored() {
    WorkOrder order = dispatched();
    InboundMessage msg =
        reply("OK")
            .headers(
                MailHeaders.of(
                    List.of(
                        new MailHeaders.Field(
                            "Authentication-Results", "evil.example; dmarc=fail"))))
            .build();
    kit.handle(msg);
    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void unclearReplyIsKeptAsNoteAndAnsweredOncePerDay() {
    WorkOrder order = dispatched();
    InboundResult first = kit.handle(reply("Je vous rappelle").build());
    kit.handle(reply("Qui est le contact ?").build());
    assertThat(first.outcome()).isEqualTo(InboundResult.Outcome.REVIEW);
    assertThat(current(order)).hasStatus(Status.OPEN).hasNoteContaining("Je vous rappelle");
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE, 1);
    clock.advance(Duration.ofDays(1));
    kit.handle(reply("Encore une question").build());
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE, 2);
  }

  @Test
  void autoReplyIsRecordedAndNeverAnswered() {
    WorkOrder order = dispatched();
    InboundResult result =
        kit.handle(reply("Je suis absent").subject("Réponse automatique : absent").build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.MACHINE_MAIL);
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE, 0);
    assertThat(current(order)).hasStatus(Status.OPEN);
  }

  @Test
  void machineMailIsRecordedWithoutTheWorkOrderItsHeadersName() {
    // Machine mail is decided before the work order counts, even when its reply token and
    // In-Reply-To name a dispatched order: the result and the inbox keep no key.
    dispatched();
    InboundMessage message =
        reply("Je suis absent").subject("Réponse automatique : absent").build();
    InboundResult result = kit.handle(message);
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.MACHINE_MAIL);
    assertThat(result.key()).isNull();
    InboxRecord record =
        store.inTransaction(tx -> tx.inbox().find(message.messageId())).orElseThrow();
    assertThat(record.key()).isNull();
    assertThat(record.outcome()).isEqualTo("auto-reply-recorded");
  }

  @Test
  void bounceMarksTheAddressFailing() {
    dispatched();
    InboundResult result =
        kit.handle(
            reply("delivery failed")
                .from("MAILER-DAEMON@host.example")
                .subject("Undelivered Mail Returned to Sender")
                .build());
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.MACHINE_MAIL);
    assertThat(
            store
                .inTransaction(tx -> tx.preferences().find(Fixtures.SUBSCRIBER, Fixtures.PROVIDER))
                .orElseThrow()
                .addressFailing())
        .isTrue();
    kit.relayOutbox();
    assertThat(sender).sentNothingTo("MAILER-DAEMON@host.example");
  }

  @Test
  void replyToTheOldProviderAfterReassignmentIsNoLongerAssigned() {
    WorkOrder order = dispatched();
    InboundMessage late = reply("OK").build();
    kit.reassign(order.key(), Fixtures.OTHER_PROVIDER);
    InboundResult result = kit.handle(late);
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.NOT_APPLIED);
    assertThat(current(order)).hasStatus(Status.OPEN).isAssignedTo(Fixtures.OTHER_PROVIDER);
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.OTHER_PROVIDER_ADDRESS, MailKind.DISPATCH, 1);
    assertThat(sender).sentTo(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE, 1);
  }

  @Test
  void imageAttachmentOfAReplyIsStoredAndLinked() {
    WorkOrder order = dispatched();
    byte[] jpeg = {1, 2, 3, 4};
    kit.handle(
        reply("OK")
            .attachments(
                List.of(
                    new InboundAttachment(
                        "../../etc/passwd\r\n.jpg",
                        "image/jpeg",
                        4,
                        false,
                        () -> new ByteArrayInputStream(jpeg)),
                    new InboundAttachment(
                        "run.exe",
                        "application/x-msdownload",
                        4,
                        false,
                        () -> new ByteArrayInputStream(jpeg))))
            .build());
    WorkOrder after = current(order);
    assertThat(after.attachments()).hasSize(1);
    assertThat(after.attachments().get(0).fileName()).doesNotContain("/", "\r", "\n");
  }

  @Test
  void portalCommandsRunTheWholeLifecycle() {
    WorkOrder order = dispatched();
    WorkOrderKey key = order.key();
    kit.accept(key);
    kit.addNote(key, "note; 'quoted'", NoteAuthor.CLIENT);
    kit.changeExpectedDate(
        key,
        ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 9, 0), Fixtures.PARIS),
        "client asked",
        Fixtures.BOB);
    kit.checkIn(key);
    kit.complete(key);
    kit.confirm(key);
    assertThat(current(order)).hasStatus(Status.CONFIRMED);
    assertThat(kit.allowedCommands(key)).containsExactly(CommandKind.ADD_NOTE);
    kit.relayOutbox();
    assertThat(sender).sentTo(Fixtures.BOB.email(), MailKind.NOTIFICATION, 1);
    assertThat(sender.sentTo(Fixtures.BOB.email()).get(0).textBody())
        .contains("2026")
        .contains("Note : client asked");
    assertThat(sender).sentTo(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION, 1);
    assertThat(sender.sentTo(Fixtures.CLIENT_ADDRESS).get(0).textBody()).contains("a accepté");
    assertThatThrownBy(() -> kit.cancel(key, null))
        .isInstanceOf(dev.dispatchkit.error.IllegalTransitionException.class);
  }

  @Test
  void aDeclineInThePortalTellsTheClientWithTheReason() {
    WorkOrder order = dispatched();
    kit.decline(
        order.key(), dev.dispatchkit.workorder.DeclineReason.NTE_TOO_LOW, "budget trop juste");
    kit.relayOutbox();
    assertThat(sender.sentTo(Fixtures.CLIENT_ADDRESS))
        .singleElement()
        .satisfies(
            mail ->
                assertThat(mail.textBody())
                    .contains("a refusé", "Raison : NTE trop bas", "Message : budget trop juste"));
  }

  @Test
  void addAttachmentChecksTypeAndSizeAndSanitisesName() {
    WorkOrder order = dispatched();
    var ref =
        kit.addAttachment(
            order.key(),
            "C:\\photos\\site<1>.jpg",
            "image/jpeg; q=1",
            new ByteArrayInputStream(new byte[10]));
    assertThat(ref.fileName()).isEqualTo("site_1_.jpg");
    assertThat(current(order).attachments()).containsExactly(ref);
    assertThatThrownBy(
            () ->
                kit.addAttachment(
                    order.key(),
                    "a.exe",
                    "application/x-msdownload",
                    new ByteArrayInputStream(new byte[1])))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TYPE_NOT_ALLOWED));
  }

  @Test
  void sweepRaisesOverdueAndLateOnce() {
    dispatched();
    clock.advance(Duration.ofHours(1));
    assertThat(kit.sweep()).isEqualTo(1);
    assertThat(kit.sweep()).isZero();
    clock.advance(Duration.ofDays(3));
    kit.sweep();
    assertThat(told.stream().filter(t -> t.equals("overdue"))).hasSize(1);
    assertThat(told.stream().filter(t -> t.equals("late"))).hasSize(1);
  }

  @Test
  void sweepReassignsToTheFallbackProvider() {
    kit = kit(Optional.of(Fixtures.OTHER_PROVIDER));
    WorkOrder order = dispatched();
    clock.advance(Duration.ofHours(1));
    kit.sweep();
    assertThat(current(order)).isAssignedTo(Fixtures.OTHER_PROVIDER).hasStatus(Status.OPEN);
  }

  @Test
  void outboxRetriesWithBackoffThenBlocksAndReleases() {
    kit.dispatch(Fixtures.dispatch().build());
    sender.failNext(10);
    assertThat(kit.relayOutbox()).isZero();
    OutboxEntry entry = store.outbox().get(0);
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(entry.nextAttemptAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(1)));
    assertThat(kit.relayOutbox()).isZero();
    clock.advance(Duration.ofMinutes(1));
    kit.relayOutbox();
    assertThat(store.outbox().get(0).nextAttemptAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
    clock.advance(Duration.ofMinutes(2));
    kit.relayOutbox();
    assertThat(store.outbox().get(0).state()).isEqualTo(OutboxEntry.State.BLOCKED);
    assertThat(told).contains("blocked");
    sender.recover();
    assertThat(kit.releaseBlocked(entry.id())).isTrue();
    assertThat(kit.relayOutbox()).isEqualTo(1);
    assertThat(sender.sent())
        .extracting(OutboundMail::messageId)
        .containsExactly(entry.mail().messageId());
  }

  @Test
  void permanentFailureBlocksAtOnce() {
    kit.dispatch(Fixtures.dispatch().build());
    sender.failPermanently();
    kit.relayOutbox();
    assertThat(store.outbox().get(0).state()).isEqualTo(OutboxEntry.State.BLOCKED);
  }

  @Test
  void relayThatDiesAfterClaimLosesNothing() {
    kit.dispatch(Fixtures.dispatch().build());
    // A relay claims the mail and dies before sending: the lease runs out and another sends it.
    store.inTransaction(tx -> tx.outbox().claimDue(clock.instant(), Duration.ofMinutes(5), 10));
    assertThat(kit.relayOutbox()).isZero();
    clock.advance(Duration.ofMinutes(6));
    assertThat(kit.relayOutbox()).isEqualTo(1);
    assertThat(kit.relayOutbox()).isZero();
    assertThat(sender.sent()).hasSize(1);
  }

  @Test
  void pollOnceAcknowledgesOnlyHandledMessages() {
    WorkOrder order = dispatched();
    InMemoryMailSource source = new InMemoryMailSource();
    source.deliver(reply("OK").build());
    assertThat(kit.pollOnce(source, 10).handled()).isEqualTo(1);
    assertThat(source.waiting()).isEmpty();
    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void pollOnceSetsAsideAMessagePastItsBudgetTellsTheHostAndGoesOn() {
    WorkOrder order = dispatched();
    InMemoryMailSource source = new InMemoryMailSource();
    String costly =
        source.deliver(
            reply("Non")
                .messageId("costly@acme-plumbing.example")
                .headers(
                    dev.dispatchkit.reply.MailHeaders.of(
                        List.of(
                            new dev.dispatchkit.reply.MailHeaders.Field(
                                "X-Long", "x".repeat(1_000_001)))))
                .build());
    source.deliver(reply("OK").build());

    PollResult polled = kit.pollOnce(source, 10);
    assertThat(polled.handled()).isEqualTo(1);
    assertThat(polled.failed()).isEqualTo(1);

    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED);
    // The in-memory source has no quarantine: by default a costly message counts as a failure.
    assertThat(source.failures(costly)).isEqualTo(1);
    assertThat(told).anyMatch(t -> t.startsWith("too-costly:") && t.contains("header section"));
  }

  @Test
  void lineBreaksInNotesNeverReachAHeader() {
    WorkOrder order = dispatched();
    kit.handle(reply("OK\nBcc: victim@example.com\nSubject: injected").build());
    kit.relayOutbox();
    for (OutboundMail mail : sender.sent()) {
      assertThat(OutboundMail.isHeaderSafe(mail.subject())).isTrue();
      assertThat(mail.to()).doesNotContain("victim@example.com");
    }
    assertThat(current(order)).hasStatus(Status.DISPATCH_CONFIRMED);
  }

  @Test
  void queriesListAndFlag() {
    WorkOrder order = dispatched();
    assertThat(kit.list(kit.query().build()).items()).containsExactly(current(order));
    assertThat(kit.flags(order.key())).map(f -> f.responseOverdue()).contains(false);
    clock.advance(Duration.ofHours(1));
    assertThat(kit.flags(order.key())).map(f -> f.responseOverdue()).contains(true);
    assertThat(kit.findByTrackingNumber(order.trackingNumber())).hasSize(1);
  }
}
