package dev.dispatchkit.examples.largemail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrderCommand;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 6: {@code pollOnce} keeps a provider's reply with a 60 MB attachment out of a 64 MB
 * heap. The reply is put straight into the dev server's mailbox through GreenMail, a small reply
 * after it; a child JVM with {@code -Xmx64m} (which exits on any OutOfMemoryError) polls once.
 */
class LargeAttachmentPollTest {

  static final String MAILBOX = "dispatch@host.example";
  static final ReplyTokens TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "large-mail-secret-large-mail-secret".getBytes(StandardCharsets.US_ASCII))
          .build();

  private static final String PASSWORD = "secret";
  private static final String PROVIDER = "dispatch@acme-plumbing.example";
  private static final int ATTACHMENT_BYTES = 60 * 1000 * 1000;
  private static final long MIB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aSixtyMegabyteReplyIsSetAsideUnfetchedAndTheNextReplyIsApplied() throws Exception {
    try (DevMailServer mail = DevMailServer.builder().mailbox(MAILBOX, PASSWORD).build()) {
      String h2 = dispatchAndReply(mail);

      List<String> out = pollInChild(mail, h2, 25 * MIB);

      // Set aside from its size alone: fetching 60 MB into a 64 MB heap would have ended the JVM.
      assertThat(out)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("quarantined OVERSIZED ")
                      .contains("photos of the leak"));
      assertThat(out).filteredOn(l -> l.startsWith("quarantined")).hasSize(1);
      assertThat(out).filteredOn(l -> l.startsWith("item")).containsExactly("item APPLIED");
      assertThat(out).contains("confirmed true");
      assertThat(mail.messages(MAILBOX)).isEmpty();
    }
  }

  /** Dispatches an order, then puts the large reply and a small one in the mailbox, in order. */
  private String dispatchAndReply(DevMailServer mail) throws Exception {
    String h2 = "jdbc:h2:file:" + dir.resolve("kit").toAbsolutePath();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(h2);
    DispatchKit kit =
        DispatchKit.builder()
            .store(JdbcStore.builder(dataSource).build())
            .attachmentStore(JdbcStore.builder(dataSource).buildAttachmentStore())
            .mailSender(mail.smtp().build())
            .replyTokens(TOKENS)
            .fromAddress(MAILBOX)
            .replyAddress("dispatch", "host.example")
            .build();
    kit.savePreference(
        new DispatchPreference(
            SubscriberId.of("client-1"),
            ProviderId.of("acme-plumbing"),
            PROVIDER,
            List.of(),
            Locale.FRENCH,
            "facilities@client.example",
            false));
    ZoneId paris = ZoneId.of("Europe/Paris");
    kit.dispatch(
        WorkOrderCommand.Dispatch.builder()
            .trackingNumber("100200")
            .subscriber("client-1")
            .provider("acme-plumbing")
            .site(new Site("Store 112", "17 rue Bouchut, 69003 Lyon", "+33 4 72", paris))
            .problem(new Problem("PLUMBING", "Leak under the sink", "Valve closed."))
            .priority(Priority.NON_URGENT)
            .nte(Nte.of("500.00", "EUR"))
            .expectedDate(
                LocalDateTime.now(paris)
                    .plusDays(3)
                    .withHour(10)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0))
            .contact(new ContactPerson("Alice Martin", "alice@client.example"))
            .build());
    assertThat(kit.relayOutbox()).isEqualTo(1);
    MimeMessage request = mail.awaitMessages(PROVIDER, 1).get(0);

    GreenMailUser user = mail.greenMail().getUserManager().getUserByEmail(MAILBOX);
    MailFolder inbox = mail.greenMail().getManagers().getImapHostManager().getInbox(user);
    inbox.appendMessage(largeReply(mail, request), new Flags(), new Date());
    inbox.appendMessage(
        reply(mail, request, "OK, technicien sur place demain", null), new Flags(), new Date());
    return h2;
  }

  private static MimeMessage largeReply(DevMailServer mail, MimeMessage request) throws Exception {
    byte[] photos = new byte[ATTACHMENT_BYTES];
    // Random bytes: base64 of them is as large as a real photo's, and compresses nowhere.
    new Random(14).nextBytes(photos);
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(photos, "image/jpeg")));
    attachment.setFileName("leak.jpg");
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);
    return reply(mail, request, "OK, voici les photos of the leak", attachment);
  }

  private static MimeMessage reply(
      DevMailServer mail, MimeMessage request, String text, MimeBodyPart attachment)
      throws Exception {
    MimeMessage reply = (MimeMessage) request.reply(false);
    reply.setFrom(request.getRecipients(Message.RecipientType.TO)[0]);
    if (attachment == null) {
      reply.setText(text, "UTF-8");
    } else {
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      MimeMultipart multipart = new MimeMultipart(body, attachment);
      reply.setContent(multipart);
      reply.setSubject(reply.getSubject() + " - photos of the leak", "UTF-8");
    }
    reply.saveChanges();
    return reply;
  }

  /** Runs {@link SmallHeapPoller} in a JVM with a 64 MB heap and returns its output lines. */
  private List<String> pollInChild(DevMailServer mail, String h2, long limit) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx64m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            SmallHeapPoller.class.getName(),
            Integer.toString(mail.imapPort()),
            MAILBOX,
            PASSWORD,
            h2,
            Long.toString(limit),
            "client-1",
            "100200");
    Process child =
        new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream in = child.getInputStream()) {
      in.transferTo(output);
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(text).as(text).doesNotContain("OutOfMemoryError");
    assertThat(child.exitValue()).as(text).isZero();
    assertThat(text).as(text).contains("maxHeap");
    return new ArrayList<>(text.lines().toList());
  }
}
