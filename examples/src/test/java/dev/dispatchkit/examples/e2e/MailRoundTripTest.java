package dev.dispatchkit.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.examples.e2e.Provider.Mails;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole round trip on real protocols: DispatchKit sends the service request over SMTP to an
 * embedded GreenMail, the provider's mail program reads it over IMAP and answers with a real
 * Jakarta Mail client, and DispatchKit polls the answer over IMAP and applies it to the H2 store.
 */
class MailRoundTripTest {

  private static final DateTimeFormatter FRENCH_DATE =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu 'à' HH:mm", Locale.FRENCH);

  private final SettableClock clock = SettableClock.at(Fixtures.T0);
  private MailServer mail;
  private Node node;
  private Provider provider;

  @BeforeEach
  void start() {
    mail = new MailServer();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    node = new Node(mail, h2, "dispatchkit_", clock).withPreferences();
    provider = new Provider(mail, Fixtures.PROVIDER_ADDRESS, clock);
  }

  @AfterEach
  void stop() {
    node.close();
    mail.close();
  }

  /** Dispatches the default work order and delivers its service request. */
  private WorkOrder dispatched() {
    WorkOrder order = node.kit.dispatch(Fixtures.dispatch().build());
    assertThat(node.kit.relayOutbox()).isEqualTo(1);
    return order;
  }

  private WorkOrder reload(WorkOrder order) {
    return node.kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  /**
   * Runs the host's polling loop (poll, then wait for new mail) until {@code expected} messages
   * were handled, and checks none is left waiting.
   */
  private int pollAll(int expected) {
    mail.awaitInbox(MailServer.REPLIES, expected);
    int handled = Polling.pollUntil(node, expected);
    assertThat(mail.inbox(MailServer.REPLIES)).as("left in the inbox").isEmpty();
    return handled;
  }

  private static String normalised(String text) {
    return text.replace('\u00a0', ' ').replace('\u202f', ' ');
  }

  @Test
  void theProviderReceivesEverySeedFieldWithATokenReplyToAndNoAutoReplyRequest() throws Exception {
    WorkOrder order =
        node.kit.dispatch(
            Fixtures.dispatch()
                .trackingNumber("100231")
                .nte(Nte.of("1234.56", "EUR"))
                .expected(LocalDateTime.of(2026, 3, 4, 10, 0))
                .build());
    assertThat(node.kit.relayOutbox()).isEqualTo(1);

    MimeMessage request = provider.awaitServiceRequest("100231");
    String body = normalised(Mails.text(request)).replace("\r\n", "\n");
    assertThat(request.getSubject()).contains("#100231").contains(Fixtures.SITE.name());
    assertThat(body)
        .contains("N° de suivi : 100231")
        .contains(Fixtures.SITE.address())
        .contains(Fixtures.SITE.phone())
        .contains(Fixtures.PROBLEM.description())
        .contains(Fixtures.PROBLEM.details())
        .contains("Priorité : Urgent")
        .contains("Métier : Plomberie")
        .doesNotContain("URGENT", "PLUMBING")
        .contains("NTE (TTC, frais inclus) : 1 234,56 €")
        // 10:00 in Paris, 09:00 UTC: shown in the site's zone whatever the JVM's zone.
        .contains("Sur place le : mercredi 4 mars 2026 à 10:00")
        .contains(
            "Réponse attendue avant : "
                + FRENCH_DATE.format(
                    DispatchPolicies.defaults()
                        .responseDeadline(DispatchState.of(order))
                        .atZone(Fixtures.SITE.zone())))
        .contains("répondez à ce message par OK")
        .contains("répondez Non");
    String replyTo = request.getReplyTo()[0].toString();
    assertThat(replyTo).matches("dispatch\\+[^@\\s]+@host\\.example");
    assertThat(Node.TOKENS.verifyAddress(replyTo)).isPresent();
    assertThat(request.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("OOF, AutoReply");
    assertThat(request.getHeader("Auto-Submitted")).isNull();
    assertThat(request.getMessageID()).isEqualTo("<" + reload(order).dispatchMessageId() + ">");
    assertThat(request.getFrom()[0].toString()).isEqualTo(MailServer.REPLIES);
  }

  @Test
  void okAboveTheQuotedRequestWithAnIphoneSignatureConfirmsTheOrderAndTellsTheClient()
      throws Exception {
    WorkOrder order = dispatched();
    MimeMessage request = provider.awaitServiceRequest("100200");
    mail.send(provider.reply(request, "OK"));

    assertThat(pollAll(1)).isEqualTo(1);

    WorkOrder after = reload(order);
    assertThat(after.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(after.notes()).as("nothing but the decision was new").isEmpty();
    assertThat(mail.messages(MailServer.REPLIES, "Processed")).hasSize(1);
    assertThat(node.kit.relayOutbox()).isEqualTo(1);
    List<MimeMessage> toClient = mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1);
    assertThat(toClient).hasSize(1);
    assertThat(Mails.header(toClient.get(0), "X-DispatchKit-Tracking")).isEqualTo("100200");
    assertThat(mail.inbox(Fixtures.PROVIDER_ADDRESS)).as("no answer to the provider").hasSize(1);
  }

  @Test
  void nonWithAReasonDeclinesTheOrderAndKeepsTheReason() throws Exception {
    WorkOrder order = dispatched();
    MimeMessage request = provider.awaitServiceRequest("100200");
    mail.send(provider.reply(request, "Non, pas de technicien disponible cette semaine."));

    assertThat(pollAll(1)).isEqualTo(1);

    WorkOrder after = reload(order);
    assertThat(after.status()).isEqualTo(Status.DECLINED);
    assertThat(after.decline()).isNotNull();
    assertThat(after.decline().reason()).isEqualTo(DeclineReason.CANT_MAKE_DATE);
    assertThat(after.decline().text()).contains("pas de technicien disponible");
    assertThat(node.kit.timeline(order.key()))
        .filteredOn(e -> e instanceof WorkOrderEvent.Declined)
        .hasSize(1);
  }

  @Test
  void anOutOfOfficeAnswerIsAcknowledgedButNeverAnswered() throws Exception {
    WorkOrder order = dispatched();
    MimeMessage request = provider.awaitServiceRequest("100200");
    mail.send(provider.outOfOffice(request));
    int receivedBefore = mail.receivedCount();
    List<WorkOrderEvent> timelineBefore = node.kit.timeline(order.key());

    assertThat(pollAll(1)).isEqualTo(1);

    assertThat(mail.messages(MailServer.REPLIES, "Processed"))
        .singleElement()
        .satisfies(m -> assertThat(m.getSubject()).startsWith("Réponse automatique : "));
    assertThat(reload(order).status()).isEqualTo(Status.OPEN);
    assertThat(reload(order).notes()).isEmpty();
    assertThat(node.kit.timeline(order.key())).isEqualTo(timelineBefore);
    assertThat(node.kit.relayOutbox()).as("nothing to send").isZero();
    assertThat(mail.receivedCount()).isEqualTo(receivedBefore);
    assertThat(mail.inbox(Fixtures.PROVIDER_ADDRESS)).hasSize(1);
  }

  @Test
  void aRescheduleFromThePortalEmailsTheContact() throws Exception {
    WorkOrder order = dispatched();
    node.kit.accept(order.key());
    node.kit.changeExpectedDate(
        order.key(),
        ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 14, 30), Fixtures.SITE.zone()),
        "Pièce en commande",
        Fixtures.BOB);

    assertThat(node.kit.relayOutbox())
        .as("the portal accept tells the client; the reschedule tells Bob")
        .isEqualTo(2);
    assertThat(mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1)).hasSize(1);
    List<MimeMessage> toBob = mail.awaitInbox(Fixtures.BOB.email(), 1);
    assertThat(toBob).hasSize(1);
    assertThat(Mails.header(toBob.get(0), "X-DispatchKit-Tracking")).isEqualTo("100200");
    assertThat(normalised(Mails.text(toBob.get(0)))).contains("100200");
    assertThat(mail.inbox(Fixtures.ALICE.email())).as("only the named contact").isEmpty();
    assertThat(reload(order).expectedDate().localDateTime())
        .isEqualTo(LocalDateTime.of(2026, 3, 5, 14, 30));
  }

  @Test
  void aPhotoInTheReplyBecomesAnAttachmentOfTheOrder() throws Exception {
    WorkOrder order = dispatched();
    MimeMessage request = provider.awaitServiceRequest("100200");
    byte[] photo = new byte[48_000];
    new Random(7).nextBytes(photo);
    photo[0] = (byte) 0xFF;
    photo[1] = (byte) 0xD8;
    photo[2] = (byte) 0xFF;
    mail.send(
        provider.replyWithPhoto(
            request, "OK, photo de la fuite ci-jointe", "fuite.jpg", "image/jpeg", photo));

    assertThat(pollAll(1)).isEqualTo(1);

    WorkOrder after = reload(order);
    assertThat(after.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(after.attachments()).hasSize(1);
    AttachmentRef ref = after.attachments().get(0);
    assertThat(ref.fileName()).isEqualTo("fuite.jpg");
    assertThat(ref.contentType()).isEqualTo("image/jpeg");
    assertThat(ref.size()).isEqualTo(photo.length);
    try (InputStream stored = node.attachments.open(ref.id())) {
      assertThat(stored.readAllBytes()).isEqualTo(photo);
    }
    assertThat(after.notes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.author()).isEqualTo(NoteAuthor.PROVIDER);
              assertThat(n.text()).contains("photo de la fuite");
            });
  }

  @Test
  void theSameReplyDeliveredTwiceIsAppliedOnce() throws Exception {
    WorkOrder order = dispatched();
    MimeMessage request = provider.awaitServiceRequest("100200");
    MimeMessage ok = provider.reply(request, "OK");
    mail.send(ok, ok); // two deliveries of one message: the same Message-ID

    assertThat(mail.awaitInbox(MailServer.REPLIES, 2))
        .extracting(MimeMessage::getMessageID)
        .containsOnly(ok.getMessageID());
    assertThat(pollAll(2)).isEqualTo(2);
    mail.send(ok); // and a third, after the first two were handled
    assertThat(pollAll(1)).isEqualTo(1);

    assertThat(node.kit.timeline(order.key()))
        .filteredOn(e -> e instanceof WorkOrderEvent.Accepted)
        .hasSize(1);
    assertThat(mail.messages(MailServer.REPLIES, "Processed")).hasSize(3);
    assertThat(node.kit.relayOutbox()).isEqualTo(1);
    assertThat(node.kit.relayOutbox()).isZero();
    assertThat(mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1)).hasSize(1);
    assertThat(mail.inbox(Fixtures.PROVIDER_ADDRESS)).as("no answer to a duplicate").hasSize(1);
  }
}
