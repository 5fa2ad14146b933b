package dev.dispatchkit.runtime;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.dispatchkit.testkit.Fixtures;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An embedded GreenMail on free ports with the reply mailbox, the provider's and the client's; the
 * provider answers with a plain Jakarta Mail client, as its mail program would.
 */
final class Mailbox implements AutoCloseable {

  static final String REPLIES = "dispatch@host.example";
  static final String REPLIES_LOGIN = "dispatch";
  static final String REPLIES_PASSWORD = "replies-secret";
  static final Duration WAIT = Duration.ofSeconds(20);

  final GreenMail greenMail;

  Mailbox() {
    // Plus addressing, as real servers do: dispatch+token@ lands in dispatch@'s inbox.
    greenMail =
        new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
    greenMail.start();
    greenMail.setUser(REPLIES, REPLIES_LOGIN, REPLIES_PASSWORD);
    for (String party : List.of(Fixtures.PROVIDER_ADDRESS, Fixtures.CLIENT_ADDRESS)) {
      greenMail.setUser(party, party, party);
    }
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  int imapPort() {
    return greenMail.getImap().getPort();
  }

  Session session() {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", Integer.toString(smtpPort()));
    props.setProperty("mail.imap.host", "127.0.0.1");
    props.setProperty("mail.imap.port", Integer.toString(imapPort()));
    props.setProperty("mail.imap.peek", "true");
    return Session.getInstance(props);
  }

  /** The messages in a mailbox's inbox, detached from the server. */
  List<MimeMessage> inbox(String address) {
    String login = address.equals(REPLIES) ? REPLIES_LOGIN : address;
    String password = address.equals(REPLIES) ? REPLIES_PASSWORD : address;
    Session session = session();
    try (Store store = session.getStore("imap")) {
      store.connect(login, password);
      Folder folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      try {
        List<MimeMessage> copies = new ArrayList<>();
        for (Message m : folder.getMessages()) {
          ByteArrayOutputStream raw = new ByteArrayOutputStream();
          m.writeTo(raw);
          copies.add(new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray())));
        }
        return copies;
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot read the inbox of " + address, e);
    }
  }

  /** Waits until {@code address}'s inbox holds at least {@code count} messages. */
  List<MimeMessage> awaitInbox(String address, int count) {
    return await(address + " holds " + count, () -> inbox(address), l -> l.size() >= count);
  }

  /** The provider answers {@code request} with {@code text}, over SMTP, to its Reply-To. */
  String reply(MimeMessage request, String text) throws MessagingException {
    String id = UUID.randomUUID() + "@acme-plumbing.example";
    MimeMessage reply =
        new MimeMessage(session()) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
          }
        };
    reply.setFrom(new InternetAddress(Fixtures.PROVIDER_ADDRESS));
    reply.setRecipients(Message.RecipientType.TO, request.getReplyTo());
    reply.setSubject("RE: " + request.getSubject(), "UTF-8");
    reply.setHeader("In-Reply-To", request.getHeader("Message-ID", null));
    reply.setText(text + "\n", "UTF-8");
    reply.saveChanges();
    Transport.send(reply);
    return id;
  }

  /** Polls {@code probe} every 20 ms until {@code done} holds, at most {@link #WAIT}. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "gave up after " + WAIT + " waiting until " + what + "; saw " + last);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = probe.get();
    }
    return last;
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
