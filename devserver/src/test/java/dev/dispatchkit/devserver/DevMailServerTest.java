package dev.dispatchkit.devserver;

import static dev.dispatchkit.testkit.DispatchKitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.InMemoryAttachmentStore;
import dev.dispatchkit.testkit.InMemoryWorkOrderStore;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.WorkOrder;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link DevMailServer} on a real GreenMail. {@link #aHostTest} is the snippet of {@code
 * docs/testing.md}, which {@link #testingDocShowsTheSnippetVerbatim} checks.
 */
class DevMailServerTest {

  private static final Path DOC = Path.of("..", "docs", "testing.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "dispatchkit", "devserver", "DevMailServerTest.java");
  private static final byte[] secret =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Test
  void badSettingsAreRejectedAtOnce() {
    DevMailServer.Builder builder = DevMailServer.builder();
    assertThatThrownBy(() -> builder.smtpPort(-1)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.imapPort(65_536)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.host(" ")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.host("a/b")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.timeout(Duration.ZERO))
        .isInstanceOf(ConfigurationException.class);
    for (String address :
        new String[] {"", "nobody", "a@", "Name <a@b.example>", "a+b@c.example"}) {
      assertThatThrownBy(() -> builder.mailbox(address, "pw"))
          .as(address)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("address"));
    }
    assertThatThrownBy(() -> builder.mailbox("a@b.example", " "))
        .isInstanceOf(ConfigurationException.class);
    builder.mailbox("a@b.example", "pw");
    assertThatThrownBy(() -> builder.mailbox("a@b.example", "pw"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> DevMailServer.builder().smtpPort(2525).imapPort(2525).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("imapPort"));
  }

  @Test
  void startsOnChosenPorts() throws IOException {
    int smtp = freePort();
    int imap = freePort();
    try (DevMailServer mail = DevMailServer.builder().smtpPort(smtp).imapPort(imap).build()) {
      assertThat(mail.smtpPort()).isEqualTo(smtp);
      assertThat(mail.imapPort()).isEqualTo(imap);
      assertThat(mail.host()).isEqualTo(DevMailServer.LOOPBACK);
    }
  }

  @Test
  void plusAddressedMailLandsInTheBaseMailbox() throws Exception {
    try (DevMailServer mail =
        DevMailServer.builder().mailbox("dispatch@host.example", "pw").build()) {
      MimeMessage message = new MimeMessage(mail.session());
      message.setFrom(new InternetAddress(Fixtures.PROVIDER_ADDRESS));
      message.setRecipient(
          Message.RecipientType.TO, new InternetAddress("dispatch+abc123@host.example"));
      message.setSubject("RE: 100201");
      message.setText("OK");
      mail.send(message);

      List<MimeMessage> received = mail.awaitMessages("dispatch@host.example", 1);
      assertThat(received).hasSize(1);
      assertThat(received.get(0).getSubject()).isEqualTo("RE: 100201");
      // Read again, it is still there; newMessages returns it once.
      assertThat(mail.messages("dispatch@host.example")).hasSize(1);
      assertThat(mail.newMessages("dispatch@host.example")).hasSize(1);
      assertThat(mail.newMessages("dispatch@host.example")).isEmpty();
    }
  }

  @Test
  void aHostTest() throws Exception {
    InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    SettableClock clock = SettableClock.at(Fixtures.T0);
    // tag::dev-mail-server[]
    try (DevMailServer mail = DevMailServer.builder().build();
        ImapMailSource inbox = mail.imap("dispatch@host.example").clock(clock).build()) {
      DispatchKit kit = Fixtures.kit(store, mail.smtp().clock(clock).build(), clock).build();
      WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
      kit.relayOutbox();
      MimeMessage request = mail.awaitMessages(Fixtures.PROVIDER_ADDRESS, 1).get(0);
      mail.reply(request, "OK, sur place demain"); // to dispatch+<token>@host.example
      kit.pollOnce(inbox, 10);
      assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow())
          .hasStatus(PrimaryStatus.IN_PROGRESS, ExtendedStatus.DISPATCH_CONFIRMED);
    }
    // end::dev-mail-server[]
  }

  @Test
  void aDispatchedMailIsReadableAndTheReplyIsPolledFromTheBaseMailbox() throws Exception {
    InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (DevMailServer mail =
            DevMailServer.builder()
                .mailbox("dispatch@host.example", "replies-secret")
                .mailbox(Fixtures.PROVIDER_ADDRESS, "provider-secret")
                .build();
        ImapMailSource inbox =
            mail.imap("dispatch@host.example").useIdle(false).clock(clock).build()) {
      DispatchKit kit =
          DispatchKit.builder()
              .store(store)
              .attachmentStore(new InMemoryAttachmentStore())
              .mailSender(mail.smtp().clock(clock).build())
              .replyTokens(ReplyTokens.builder().signingKey(1, secret).build())
              .fromAddress("dispatch@host.example")
              .replyAddress("dispatch", "host.example")
              .clock(clock)
              .build();
      WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
      assertThat(kit.relayOutbox()).isEqualTo(1);

      List<MimeMessage> received = mail.newMessages(Fixtures.PROVIDER_ADDRESS);
      assertThat(received).hasSize(1);
      MimeMessage request = received.get(0);
      assertThat(request.getSubject()).contains(order.trackingNumber().toString());
      String replyTo = ((InternetAddress) request.getReplyTo()[0]).getAddress();
      assertThat(replyTo).startsWith("dispatch+").endsWith("@host.example");

      MimeMessage reply = mail.reply(request, "OK");
      assertThat(reply.getHeader("In-Reply-To")).containsExactly(request.getMessageID());
      assertThat(((InternetAddress) reply.getFrom()[0]).getAddress())
          .isEqualTo(Fixtures.PROVIDER_ADDRESS);
      assertThat(mail.awaitMessages("dispatch@host.example", 1)).hasSize(1);

      assertThat(kit.pollOnce(inbox, 10).handled()).isEqualTo(1);
      assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow())
          .hasStatus(PrimaryStatus.IN_PROGRESS, ExtendedStatus.DISPATCH_CONFIRMED);
    }
  }

  @Test
  void closeLeavesNoThread() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DevMailServer mail = DevMailServer.builder().build();
    ImapMailSource inbox = mail.imap("dispatch@host.example").build();
    // IDLE starts the source's alarm thread; the server runs a thread per connection.
    inbox.awaitNewMail(Duration.ofMillis(200));
    assertThat(mail.messages("dispatch@host.example")).isEmpty();
    inbox.close();
    mail.close();
    mail.close();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<Thread> left = newThreads(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = newThreads(before);
    }
    assertThat(left.stream().map(Thread::getName).collect(Collectors.toList())).isEmpty();
  }

  @Test
  void testingDocShowsTheSnippetVerbatim() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    Matcher snippet =
        Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(doc);
    int found = 0;
    while (snippet.find()) {
      found++;
      assertThat(snippet.group(2))
          .as("snippet " + snippet.group(1))
          .isEqualTo(region(source, snippet.group(1)));
    }
    assertThat(found).isEqualTo(1);
  }

  private static Set<Thread> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        // Threads of the JVM itself that may start at any time.
        .filter(t -> !t.getName().startsWith("Attach Listener"))
        .collect(Collectors.toSet());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String region(String source, String name) {
    Matcher m =
        Pattern.compile(
                "\\n([ \\t]*)// tag::"
                    + Pattern.quote(name)
                    + "\\[]\\n(.*?)\\n[ \\t]*// end::"
                    + Pattern.quote(name)
                    + "\\[]",
                Pattern.DOTALL)
            .matcher(source);
    assertThat(m.find()).as("region %s", name).isTrue();
    String indent = m.group(1);
    return m.group(2)
        .lines()
        .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
        .collect(Collectors.joining("\n"));
  }
}
