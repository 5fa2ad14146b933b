package dev.dispatchkit.mail;

import static dev.dispatchkit.mail.ImapMailbox.ADDRESS;
import static dev.dispatchkit.mail.ImapMailbox.LOGIN;
import static dev.dispatchkit.mail.ImapMailbox.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.ReceivedMail;
import dev.dispatchkit.testkit.TcpProxy;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImapMailSourceTest {

  @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();

  @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);

  private final List<QuarantinedMessage> quarantined = mailbox.quarantined();

  private ImapMailSource open() {
    return mailbox.open(mailbox.builder());
  }

  private TcpProxy proxy() throws IOException {
    return mailbox.closeLater(new TcpProxy(mailbox.imapPort()));
  }

  /** A provider's reply, sent by a real Jakarta Mail client through the test SMTP server. */
  private static void reply(String subject, String body) throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("plombier@provider.example"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    Transport.send(message);
  }

  private static List<String> subjects(List<ReceivedMail> mail) {
    return mail.stream().map(m -> m.message().subject()).toList();
  }

  /** Looks into the mailbox with a separate IMAP client. */
  private <T> T inspect(String folderName, FolderCheck<T> check) throws Exception {
    Store store = mailbox.connectClient();
    try {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return check.apply(new Message[0]);
      }
      folder.open(Folder.READ_ONLY);
      try {
        return check.apply(folder.getMessages());
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
  }

  @FunctionalInterface
  private interface FolderCheck<T> {
    T apply(Message[] messages) throws Exception;
  }

  private List<String> subjectsIn(String folder) throws Exception {
    return inspect(
        folder,
        messages -> {
          List<String> subjects = new ArrayList<>();
          for (Message m : messages) {
            subjects.add(m.getSubject());
          }
          return subjects;
        });
  }

  private boolean anySeenIn(String folder) throws Exception {
    return inspect(
        folder,
        messages -> {
          for (Message m : messages) {
            if (m.isSet(Flags.Flag.SEEN)) {
              return true;
            }
          }
          return false;
        });
  }

  @Test
  void pollReturnsParsedRepliesWithoutMarkingThemSeen() throws Exception {
    reply("RE: Intervention n° 42", "OK, on passe demain.");
    reply("RE: Intervention n° 43", "Non merci.");

    List<ReceivedMail> mail = open().poll(10);

    assertThat(subjects(mail)).containsExactly("RE: Intervention n° 42", "RE: Intervention n° 43");
    InboundMessage first = mail.get(0).message();
    assertThat(first.from()).isEqualTo("plombier@provider.example");
    assertThat(first.to()).containsExactly(ADDRESS);
    assertThat(first.messageId()).isNotBlank();
    assertThat(first.textBody()).contains("OK, on passe demain.");
    assertThat(mail.get(0).receipt()).startsWith("imap:INBOX;UIDVALIDITY=").endsWith(";UID=1");
    assertThat(anySeenIn("INBOX")).isFalse();
    assertThat(subjectsIn("INBOX")).hasSize(2);
  }

  @Test
  void pollReturnsAtMostMaxOldestFirstAndRepeatsWhatIsNotAcknowledged() throws Exception {
    reply("one", "1");
    reply("two", "2");
    reply("three", "3");
    ImapMailSource source = open();

    assertThat(subjects(source.poll(2))).containsExactly("one", "two");
    assertThat(subjects(source.poll(2))).containsExactly("one", "two");
    assertThat(subjects(source.poll(10))).containsExactly("one", "two", "three");
  }

  @Test
  void pollWithAHandlerHandsEachMessageOverAsItIsRead() throws Exception {
    reply("one", "1");
    reply("two", "2");
    reply("three", "3");
    ImapMailSource source = open();
    List<String> seen = new ArrayList<>();

    int handed =
        source.poll(
            2,
            mail -> {
              seen.add(mail.message().subject());
              // Settled before the next message is read, as pollOnce does.
              if (mail.message().subject().equals("one")) {
                source.acknowledge(mail);
              } else {
                source.failed(mail, new IllegalStateException("test"));
              }
            });

    assertThat(handed).isEqualTo(2);
    assertThat(seen).containsExactly("one", "two");
    assertThat(subjectsIn("Processed")).containsExactly("one");
    // The failed one still waits, ahead of the one not read yet: the checkpoint kept it.
    assertThat(subjects(source.poll(10))).containsExactly("two", "three");
  }

  @ParameterizedTest
  @EnumSource(ImapMailSource.SetAside.class)
  void acknowledgedMessagesAreNotPolledAgain(ImapMailSource.SetAside mode) throws Exception {
    reply("first", "OK");
    reply("second", "OK");
    ImapMailSource source = mailbox.open(mailbox.builder().setAside(mode));

    List<ReceivedMail> mail = source.poll(10);
    source.acknowledge(mail.get(0));
    source.acknowledge(mail.get(0));

    assertThat(subjects(source.poll(10))).containsExactly("second");
    if (mode == ImapMailSource.SetAside.FLAG) {
      assertThat(subjectsIn("INBOX")).containsExactly("first", "second");
      Flags flags = inspect("INBOX", m -> m[0].getFlags());
      assertThat(flags.contains(Flags.Flag.SEEN)).isTrue();
      assertThat(flags.contains(ImapMailSource.PROCESSED_KEYWORD)).isTrue();
    } else {
      assertThat(subjectsIn("Processed")).containsExactly("first");
      assertThat(subjectsIn("INBOX")).containsExactly("second");
      assertThat(anySeenIn("Processed")).isFalse();
    }
  }

  @Test
  void aMessageThatKeepsFailingGoesToQuarantineAndTheHostIsTold() throws Exception {
    reply("poison", "???");
    reply("fine", "OK");
    ImapMailSource source = mailbox.open(mailbox.builder().maxFailures(2));
    IllegalStateException failure = new IllegalStateException("no work order matches");

    ReceivedMail poison = source.poll(1).get(0);
    source.failed(poison, failure);
    assertThat(quarantined).isEmpty();
    assertThat(subjects(source.poll(1))).containsExactly("poison");

    source.failed(poison, failure);

    assertThat(quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).isEqualTo(QuarantinedMessage.Reason.TOO_MANY_FAILURES);
              assertThat(q.failures()).isEqualTo(2);
              assertThat(q.failure()).isSameAs(failure);
              assertThat(q.subject()).isEqualTo("poison");
              assertThat(q.from()).isEqualTo("plombier@provider.example");
              assertThat(q.messageId()).isEqualTo(poison.message().messageId());
              assertThat(q.folder()).isEqualTo("Quarantine");
            });
    assertThat(subjectsIn("Quarantine")).containsExactly("poison");
    assertThat(subjects(source.poll(10))).containsExactly("fine");
  }

  @Test
  void aTooCostlyMessageGoesToQuarantineAtOnceAndTheHostIsTold() throws Exception {
    reply("costly", "OK");
    reply("fine", "OK");
    ImapMailSource source = mailbox.open(mailbox.builder().maxFailures(3));
    var failure =
        new MalformedMessageException(
            MalformedMessageException.Reason.TOO_COSTLY, "too costly: test");

    ReceivedMail costly = source.poll(1).get(0);
    source.tooCostly(costly, failure);

    assertThat(quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).isEqualTo(QuarantinedMessage.Reason.TOO_COSTLY);
              assertThat(q.failures()).isEqualTo(1);
              assertThat(q.failure()).isSameAs(failure);
              assertThat(q.subject()).isEqualTo("costly");
            });
    assertThat(subjectsIn("Quarantine")).containsExactly("costly");
    assertThat(subjects(source.poll(10))).containsExactly("fine");
  }

  @Test
  void anUnparseableMessageIsQuarantinedAtOnce() throws Exception {
    // A parser that allows one MIME part cannot read a text+html alternative.
    MimeParser strict = MimeParser.builder().maxParts(1).build();
    SmtpMailSender sender =
        JakartaMail.smtp()
            .host("127.0.0.1")
            .port(greenMail.getSmtp().getPort())
            .security(MailSecurity.NONE)
            .build();
    sender.send(
        new OutboundMail(
            "1",
            "two-parts@provider.example",
            MailKind.NOTIFICATION,
            "plombier@provider.example",
            null,
            List.of(ADDRESS),
            "two parts",
            "text",
            "<p>html</p>",
            null,
            null,
            Map.of()));
    reply("plain", "OK");
    ImapMailSource source = mailbox.open(mailbox.builder().parser(strict));

    assertThat(subjects(source.poll(10))).containsExactly("plain");

    assertThat(quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).isEqualTo(QuarantinedMessage.Reason.UNPARSEABLE);
              assertThat(q.failure()).isInstanceOf(MalformedMessageException.class);
              assertThat(q.messageId()).isEqualTo("two-parts@provider.example");
            });
    assertThat(subjectsIn("Quarantine")).containsExactly("two parts");
  }

  @Test
  void anOversizedMessageIsQuarantinedWithoutFetchingItsContent() throws Exception {
    reply("huge", "x".repeat(50_000));
    reply("small", "OK");
    AtomicInteger parsed = new AtomicInteger();
    MimeParser mime = MimeParser.create();
    ImapMailSource source =
        mailbox.open(
            mailbox
                .builder()
                .maxMessageSize(8_000)
                .rawParser(
                    raw -> {
                      parsed.incrementAndGet();
                      assertThat(raw.size()).isLessThanOrEqualTo(8_000);
                      return mime.parse(raw);
                    }));

    assertThat(subjects(source.poll(10))).containsExactly("small");

    assertThat(parsed).hasValue(1);
    assertThat(quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).isEqualTo(QuarantinedMessage.Reason.OVERSIZED);
              assertThat(q.size()).isGreaterThan(50_000);
              assertThat(q.failure()).isNull();
              assertThat(q.subject()).isEqualTo("huge");
            });
    assertThat(subjectsIn("Quarantine")).containsExactly("huge");
    assertThat(anySeenIn("Quarantine")).isFalse();
  }

  @Test
  void aReceiptFromElsewhereIsRefused() throws Exception {
    reply("one", "1");
    ImapMailSource source = open();
    InboundMessage message = source.poll(1).get(0).message();

    assertThatThrownBy(() -> source.acknowledge(new ReceivedMail("pop3:42", message)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> source.acknowledge(new ReceivedMail("imap:Other;UIDVALIDITY=1;UID=1", message)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aChangedUidValidityRescansAndIgnoresStaleReceipts() throws Exception {
    Session session = Session.getInstance(new Properties());
    Store client = session.getStore("imap");
    client.connect("127.0.0.1", mailbox.imapPort(), LOGIN, PASSWORD);
    mailbox.closeLater(client);
    Folder replies = client.getFolder("Replies");
    replies.create(Folder.HOLDS_MESSAGES);
    long created = System.currentTimeMillis() / 1000;
    replies.appendMessages(new Message[] {raw("A"), raw("B")});
    TcpProxy proxy = proxy();
    ImapMailSource source = mailbox.open(mailbox.builder(proxy.port()).inboxFolder("Replies"));

    List<ReceivedMail> before = source.poll(10);
    assertThat(subjects(before)).containsExactly("A", "B");
    long oldValidity = source.uidValidity();

    // The folder is rebuilt while the source is away: GreenMail's UIDVALIDITY is the second the
    // folder was created in.
    proxy.cutAll();
    replies.renameTo(client.getFolder("Replies-old"));
    while (System.currentTimeMillis() / 1000 == created) {
      Thread.sleep(20);
    }
    Folder rebuilt = client.getFolder("Replies");
    rebuilt.create(Folder.HOLDS_MESSAGES);
    rebuilt.appendMessages(new Message[] {raw("C"), raw("A")});

    List<ReceivedMail> after = source.poll(10);

    assertThat(source.uidValidity()).isNotEqualTo(oldValidity);
    assertThat(subjects(after)).containsExactly("C", "A");
    // "B" had UID 2, which now names the new "A": acknowledging B must not move it.
    source.acknowledge(before.get(1));
    source.failed(before.get(1), new IllegalStateException("stale"));
    assertThat(subjectsIn("Replies")).containsExactly("C", "A");
    assertThat(subjectsIn("Processed")).isEmpty();
  }

  private static MimeMessage raw(String subject) throws MessagingException {
    return ImapMailbox.message(subject, "body of " + subject);
  }

  @Test
  void aDroppedConnectionIsReopenedAndNothingIsLostOrDoubled() throws Exception {
    reply("one", "1");
    reply("two", "2");
    reply("three", "3");
    TcpProxy proxy = proxy();
    ImapMailSource source = mailbox.open(mailbox.builder(proxy.port()));

    List<ReceivedMail> batch = source.poll(10);
    assertThat(subjects(batch)).containsExactly("one", "two", "three");
    source.acknowledge(batch.get(0));
    int connections = proxy.accepted();

    proxy.cutAll();
    source.acknowledge(batch.get(1));

    assertThat(proxy.accepted()).isGreaterThan(connections);
    proxy.cutAll();
    assertThat(subjects(source.poll(10))).containsExactly("three");
    assertThat(subjectsIn("Processed")).containsExactly("one", "two");
    assertThat(anySeenIn("INBOX")).isFalse();
  }

  @Test
  void reconnectingBacksOffExponentiallyWhileTheServerIsDown() throws Exception {
    reply("waiting", "OK");
    TcpProxy proxy = proxy();
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    ImapMailSource source =
        mailbox.open(
            mailbox
                .builder(proxy.port())
                .clock(clock)
                .reconnectBackoff(Duration.ofMinutes(1), Duration.ofMinutes(3)));
    proxy.refuse(true);

    assertThatThrownBy(() -> source.poll(10)).isInstanceOf(MailTransportException.class);
    // The first reconnect is immediate; only its failure starts the backoff.
    assertThatThrownBy(() -> source.poll(10)).isInstanceOf(MailTransportException.class);
    int attempts = proxy.accepted();
    assertThatThrownBy(() -> source.poll(10))
        .isInstanceOfSatisfying(
            MailTransportException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessageContaining("next attempt at 2030-01-01T00:01:00Z");
    assertThat(proxy.accepted()).isEqualTo(attempts);

    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> source.poll(10)).hasMessageContaining("Cannot connect");
    attempts = proxy.accepted();
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> source.poll(10))
        .hasMessageContaining("next attempt at 2030-01-01T00:03:00Z");
    assertThat(proxy.accepted()).isEqualTo(attempts);

    proxy.refuse(false);
    clock.advance(Duration.ofMinutes(1));
    assertThat(subjects(source.poll(10))).containsExactly("waiting");
  }

  @Test
  void awaitNewMailReturnsWhenAMessageArrivesThroughIdle() throws Exception {
    ImapMailSource source = open();
    assertThat(source.poll(10)).isEmpty();
    assertThat(source.awaitNewMail(Duration.ZERO)).isFalse();
    assertThat(source.awaitNewMail(Duration.ofMillis(200))).isFalse();

    CompletableFuture<Boolean> woken =
        CompletableFuture.supplyAsync(() -> source.awaitNewMail(Duration.ofSeconds(20)));
    reply("new", "OK");

    assertThat(woken.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(subjects(source.poll(10))).containsExactly("new");
    assertThat(source.awaitNewMail(Duration.ZERO)).isFalse();
  }

  @Test
  void awaitNewMailChecksPeriodicallyWithoutIdle() throws Exception {
    ImapMailSource source =
        mailbox.open(mailbox.builder().useIdle(false).pollInterval(Duration.ofMillis(50)));
    assertThat(source.awaitNewMail(Duration.ofMillis(120))).isFalse();

    CompletableFuture<Boolean> woken =
        CompletableFuture.supplyAsync(() -> source.awaitNewMail(Duration.ofSeconds(20)));
    reply("new", "OK");

    assertThat(woken.get(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closeEndsAWaitInProgress() throws Exception {
    ImapMailSource source = open();
    assertThat(source.poll(1)).isEmpty();
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> source.awaitNewMail(Duration.ofMinutes(5)));
    while (!source.isIdling()) {
      Thread.sleep(10);
    }

    source.close();

    assertThat(waiting.get(20, TimeUnit.SECONDS)).isFalse();
    assertThatThrownBy(() -> source.poll(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void buildChecksTheFolders() {
    assertThatThrownBy(() -> JakartaMail.imap().host("h").processedFolder("INBOX").build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).contains("processedFolder"));
    assertThatThrownBy(() -> JakartaMail.imap().quarantineFolder(" "))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("quarantineFolder"));
    assertThatThrownBy(() -> JakartaMail.imap().maxFailures(0))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(
            () -> JakartaMail.imap().reconnectBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("reconnectBackoff.max"));
    assertThatThrownBy(() -> JakartaMail.imap().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.settings()).containsExactly("host"));
  }

  @Test
  void pollRejectsANonPositiveMax() {
    ImapMailSource source = open();
    assertThatThrownBy(() -> source.poll(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void receiptsSurviveFolderNamesWithSeparators() {
    ImapReceipt receipt = new ImapReceipt("Boîte;de réception/x", 7, 42);
    assertThat(ImapReceipt.parse(receipt.encode())).contains(receipt);
    assertThat(ImapReceipt.parse("imap:INBOX;UIDVALIDITY=x;UID=1")).isEmpty();
    assertThat(ImapReceipt.parse("imap:INBOX;UIDVALIDITY=1;UID=0")).isEmpty();
    assertThat(receipt.encode()).matches("\\p{ASCII}+");
  }
}
