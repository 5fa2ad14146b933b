package dev.dispatchkit.examples.e2e;

import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.TcpProxy;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A {@link DevMailServer} (SMTP and IMAP on free ports) with every party's mailbox, plus a TCP
 * proxy in front of each protocol for DispatchKit's own connections, so a test can cut or refuse
 * them while the mailboxes live on. The other parties (the provider, the client) talk to GreenMail
 * directly with a plain Jakarta Mail client, as their own mail programs would.
 *
 * <p>Sub-addresses are delivered to their base mailbox ({@code dispatch+token@host.example} lands
 * in {@code dispatch@host.example}), as real mail servers do with plus addressing.
 */
final class MailServer implements AutoCloseable {

  /** The mailbox DispatchKit reads replies from; its login and password. */
  static final String REPLIES = "dispatch@host.example";

  static final String REPLIES_LOGIN = "dispatch";
  static final String REPLIES_PASSWORD = "replies-secret";

  /** The client's people and addresses, with the provider's, as in {@link Fixtures}. */
  static final List<String> PARTIES =
      List.of(
          Fixtures.PROVIDER_ADDRESS,
          Fixtures.OTHER_PROVIDER_ADDRESS,
          Fixtures.CLIENT_ADDRESS,
          Fixtures.ALICE.email(),
          Fixtures.BOB.email());

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final DevMailServer server;
  private final TcpProxy smtpProxy;
  private final TcpProxy imapProxy;

  MailServer() {
    server = DevMailServer.builder().build();
    server.createMailbox(REPLIES, REPLIES_LOGIN, REPLIES_PASSWORD);
    for (String party : PARTIES) {
      server.createMailbox(party, party);
    }
    try {
      smtpProxy = new TcpProxy(server.smtpPort());
      imapProxy = new TcpProxy(server.imapPort());
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException(e);
    }
  }

  /** The SMTP port DispatchKit sends through (the proxy). */
  int smtpPort() {
    return smtpProxy.port();
  }

  /** The IMAP port DispatchKit polls through (the proxy). */
  int imapPort() {
    return imapProxy.port();
  }

  /** The proxy in front of SMTP. */
  TcpProxy smtpProxy() {
    return smtpProxy;
  }

  /** The proxy in front of IMAP. */
  TcpProxy imapProxy() {
    return imapProxy;
  }

  /** A Jakarta Mail session straight to GreenMail, as another party's mail program would use. */
  Session directSession() {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", Integer.toString(server.smtpPort()));
    props.setProperty("mail.imap.host", "127.0.0.1");
    props.setProperty("mail.imap.port", Integer.toString(server.imapPort()));
    props.setProperty("mail.imap.peek", "true");
    props.setProperty("mail.smtp.connectiontimeout", "5000");
    props.setProperty("mail.smtp.timeout", "5000");
    props.setProperty("mail.imap.connectiontimeout", "5000");
    props.setProperty("mail.imap.timeout", "5000");
    return Session.getInstance(props);
  }

  /** Sends messages over one SMTP connection, envelope recipients taken from their headers. */
  void send(MimeMessage... messages) throws MessagingException {
    try (Transport transport = directSession().getTransport("smtp")) {
      transport.connect();
      for (MimeMessage message : messages) {
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
      }
    }
  }

  /**
   * The messages in a folder of a mailbox, oldest first, read with IMAP (without marking them seen)
   * and detached from the server: they can be read and replied to after the connection is gone.
   */
  List<MimeMessage> messages(String address, String folderName) {
    String login = address.equals(REPLIES) ? REPLIES_LOGIN : address;
    String password = address.equals(REPLIES) ? REPLIES_PASSWORD : address;
    Session session = directSession();
    try (Store store = session.getStore("imap")) {
      store.connect(login, password);
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return List.of();
      }
      folder.open(Folder.READ_ONLY);
      try {
        List<MimeMessage> copies = new ArrayList<>();
        for (Message message : folder.getMessages()) {
          ByteArrayOutputStream raw = new ByteArrayOutputStream();
          message.writeTo(raw);
          copies.add(new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray())));
        }
        return copies;
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot read " + folderName + " of " + address, e);
    }
  }

  /** Each message of a folder as "subject [flags]", for failure messages. */
  List<String> describe(String address, String folderName) {
    String login = address.equals(REPLIES) ? REPLIES_LOGIN : address;
    String password = address.equals(REPLIES) ? REPLIES_PASSWORD : address;
    try (Store store = directSession().getStore("imap")) {
      store.connect(login, password);
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        return List.of();
      }
      folder.open(Folder.READ_ONLY);
      try {
        List<String> out = new ArrayList<>();
        for (Message message : folder.getMessages()) {
          Flags flags = message.getFlags();
          out.add(
              message.getSubject()
                  + " "
                  + String.join(",", flags.getUserFlags())
                  + (flags.contains(Flags.Flag.SEEN) ? ",\\Seen" : ""));
        }
        return out;
      } finally {
        folder.close(false);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read " + folderName + " of " + address, e);
    }
  }

  /** Creates folders of a mailbox, as an administrator would before the first poll. */
  void createFolders(String address, String... names) throws MessagingException {
    String login = address.equals(REPLIES) ? REPLIES_LOGIN : address;
    String password = address.equals(REPLIES) ? REPLIES_PASSWORD : address;
    try (Store store = directSession().getStore("imap")) {
      store.connect(login, password);
      for (String name : names) {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
          folder.create(Folder.HOLDS_MESSAGES);
        }
      }
    }
  }

  /** The messages in a mailbox's inbox. */
  List<MimeMessage> inbox(String address) {
    return messages(address, "INBOX");
  }

  /**
   * Waits until a folder holds at least {@code count} messages, and returns them; fails with what
   * it saw after a bounded wait. Never a fixed sleep: it returns as soon as they are there.
   */
  List<MimeMessage> awaitMessages(String address, String folder, int count) {
    return await(
        address + " " + folder + " holds " + count + " message(s)",
        () -> messages(address, folder),
        found -> found.size() >= count);
  }

  /** Waits for a mailbox's inbox to hold at least {@code count} messages. */
  List<MimeMessage> awaitInbox(String address, int count) {
    return awaitMessages(address, "INBOX", count);
  }

  /** Every message GreenMail accepted over SMTP so far, for every mailbox. */
  int receivedCount() {
    return server.greenMail().getReceivedMessages().length;
  }

  /** Polls {@code probe} until {@code done} holds, at most {@link #WAIT}. */
  static <T> T await(String what, Probe<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            String.format(
                Locale.ROOT, "gave up after %s waiting until %s; last saw %s", WAIT, what, last));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
      last = probe.get();
    }
    return last;
  }

  /** Something a test waits on. */
  @FunctionalInterface
  interface Probe<T> {
    T get();
  }

  @Override
  public void close() {
    smtpProxy.close();
    imapProxy.close();
    server.close();
  }
}
