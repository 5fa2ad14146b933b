package dev.dispatchkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.mail.SmtpMailSender;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A new host written only from the README and docs/quickstart.md: preference, dispatch, a reply
 * over SMTP through the dev mail server, the poll, list, reschedule, a note with an attachment,
 * sweep. The regions between {@code tag::} and {@code end::} appear verbatim in the quick start
 * under {@code <!-- snippet(flow): name -->}.
 */
class NewHostFlowTest {

  private static final Path DOC = Path.of("..", "docs", "quickstart.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "dispatchkit", "examples", "NewHostFlowTest.java");

  @Test
  void aNewHostRunsTheWholeFlowFromTheDocs() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:new-host-flow;DB_CLOSE_DELAY=-1");
    byte[] secret = "a-secret-of-at-least-32-bytes-long!".getBytes(StandardCharsets.UTF_8);
    SettableClock clock = SettableClock.at(Instant.now());
    try (DevMailServer mail =
        DevMailServer.builder().mailbox("dispatch@host.example", "secret").build()) {
      // tag::mail[]
      SmtpMailSender smtp =
          JakartaMail.smtp()
              .host("127.0.0.1")
              .port(mail.smtpPort())
              .security(MailSecurity.NONE) // a local server offers no TLS
              .build();
      ImapMailSource inbox =
          JakartaMail.imap()
              .host("127.0.0.1")
              .port(mail.imapPort())
              .security(MailSecurity.NONE)
              .credentials("dispatch@host.example", "secret")
              .build();
      // end::mail[]
      try (inbox) {
        DispatchKit kit =
            DispatchKit.builder()
                .store(JdbcStore.builder(dataSource).build())
                .attachmentStore(JdbcStore.builder(dataSource).buildAttachmentStore())
                .mailSender(smtp)
                .replyTokens(ReplyTokens.builder().signingKey(1, secret).build())
                .fromAddress("dispatch@host.example")
                .replyAddress("dispatch", "host.example")
                .clock(clock)
                .build();
        kit.savePreference(
            new DispatchPreference(
                SubscriberId.of("client-1"),
                ProviderId.of("acme-plumbing"),
                "dispatch@acme-plumbing.example",
                List.of(),
                Locale.FRENCH,
                "facilities@client.example",
                false));
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDateTime inThreeDays =
            LocalDateTime.ofInstant(clock.instant(), paris)
                .plusDays(3)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        WorkOrder order =
            kit.dispatch(
                WorkOrderCommand.Dispatch.builder()
                    .trackingNumber("100200")
                    .subscriber("client-1")
                    .provider("acme-plumbing")
                    .site(new Site("Store 112", "17 rue Bouchut, 69003 Lyon", "+33 4 72", paris))
                    .problem(new Problem("PLUMBING", "Leak under the sink", "Valve closed."))
                    .priority(Priority.NON_URGENT)
                    .nte(Nte.of("500.00", "EUR"))
                    .expectedDate(inThreeDays)
                    .contact(new ContactPerson("Alice Martin", "alice@client.example"))
                    .build());
        assertThat(kit.relayOutbox()).isEqualTo(1);

        // The provider answers over SMTP, to dispatch+<token>@host.example.
        MimeMessage request = mail.awaitMessages("dispatch@acme-plumbing.example", 1).get(0);
        mail.reply(request, "OK, technicien sur place demain");
        PollResult polled = PollResult.EMPTY;
        for (int i = 0; i < 50 && polled.isEmpty(); i++) {
          polled = kit.pollOnce(inbox, 10);
          if (polled.isEmpty()) {
            Thread.sleep(100);
          }
        }
        // What the poll did, message by message.
        assertThat(polled.applied()).isEqualTo(1);
        InboundResult result = polled.items().get(0).result();
        assertThat(result.decision().intent()).isEqualTo(Intent.ACCEPT);
        assertThat(result.key()).isEqualTo(order.key());
        WorkOrder accepted = kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
        assertThat(accepted.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
        assertThat(accepted.notes())
            .extracting(n -> n.text())
            .contains("OK, technicien sur place demain");

        // tag::afterwards[]
        WorkOrderPage confirmed =
            kit.list(kit.query().subscriber(SubscriberId.of("client-1")).build());
        WorkOrder first = confirmed.items().get(0);
        kit.changeExpectedDate(
            first.key(),
            ExpectedDate.of(first.expectedDate().localDateTime().plusDays(1), paris),
            "the store opens later that day",
            first.contacts().get(0));
        AttachmentRef photo =
            kit.addAttachment(
                first.key(),
                "leak.jpg",
                "image/jpeg",
                new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
        kit.addNote(first.key(), "Photo of the leak: " + photo.fileName(), NoteAuthor.CLIENT);
        int raised = kit.sweep(); // on the host's scheduler, with relayOutbox() and pollOnce()
        kit.relayOutbox();
        // end::afterwards[]
        assertThat(confirmed.total()).isEqualTo(1);
        WorkOrder after = kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
        assertThat(after.rescheduleCount()).isEqualTo(1);
        assertThat(after.attachments()).containsExactly(photo);
        assertThat(after.notes()).hasSize(2);
        assertThat(raised).isZero();
        clock.advance(Duration.ofDays(5)); // past the expected date: late
        assertThat(kit.sweep()).isEqualTo(1);
      }
    }
  }

  @Test
  void theQuickStartShowsTheseSnippetsVerbatim() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    Matcher snippet =
        Pattern.compile(
                "<!-- snippet\\(flow\\): ([\\w-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(doc);
    int found = 0;
    while (snippet.find()) {
      found++;
      assertThat(snippet.group(2))
          .as("snippet " + snippet.group(1))
          .isEqualTo(region(source, snippet.group(1)));
    }
    assertThat(found).isEqualTo(2);
  }

  static String region(String source, String name) {
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
