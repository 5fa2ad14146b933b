package dev.dispatchkit.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The mailbox the IMAP source tests read: one GreenMail user, sources built against it, and what a
 * test opens closed after it. Register the server first, then this, so this closes its sources
 * before the server stops:
 *
 * <pre>{@code
 * @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();
 * @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);
 * }</pre>
 */
final class ImapMailbox implements BeforeEachCallback, AfterEachCallback {

  static final String ADDRESS = "replies@dispatchkit.example";
  static final String LOGIN = "replies";
  static final String PASSWORD = "s3cret";

  private final GreenMailExtension greenMail;
  private GreenMailUser user;
  private final List<QuarantinedMessage> quarantined = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  ImapMailbox(GreenMailExtension greenMail) {
    this.greenMail = greenMail;
  }

  /** A GreenMail SMTP and IMAP server on free ports, fresh for each test. */
  static GreenMailExtension server() {
    return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    user = greenMail.setUser(ADDRESS, LOGIN, PASSWORD);
  }

  /**
   * Puts {@code count} copies of the message straight into the user's INBOX with the flags, as many
   * SMTP deliveries would, in a fraction of their time.
   */
  void append(MimeMessage message, int count, Flags flags) throws FolderException {
    MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
    Date now = new Date();
    for (int i = 0; i < count; i++) {
      inbox.appendMessage(message, flags, now);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    toClose.clear();
  }

  /** The messages the sources built here have set aside, in order. */
  List<QuarantinedMessage> quarantined() {
    return quarantined;
  }

  /** The server's IMAP port. */
  int imapPort() {
    return greenMail.getImap().getPort();
  }

  /** A source builder for the mailbox behind {@code port} (the server's, or a proxy's). */
  ImapMailSource.Builder builder(int port) {
    return JakartaMail.imap()
        .host("127.0.0.1")
        .port(port)
        .security(MailSecurity.NONE)
        .credentials(LOGIN, PASSWORD)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .onQuarantine(quarantined::add);
  }

  /** A source builder for the server's mailbox. */
  ImapMailSource.Builder builder() {
    return builder(imapPort());
  }

  /** Builds the source, closed after the test. */
  ImapMailSource open(ImapMailSource.Builder builder) {
    return closeLater(builder.build());
  }

  /** Closes {@code closeable} after the test, in the order registered. */
  <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  /** A provider's message to the mailbox, ready to append. */
  static MimeMessage message(String subject, String body) throws MessagingException {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("plombier@provider.example"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
    message.setSubject(subject);
    message.setText(body, "UTF-8");
    message.saveChanges();
    return message;
  }

  /** A separate IMAP client on the mailbox that reads without setting {@code \Seen}. */
  Store connectClient() throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.imap.peek", "true");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", imapPort(), LOGIN, PASSWORD);
    return store;
  }

  /** Like {@link #connectClient()}, closed after the test. */
  Store client() throws MessagingException {
    return closeLater(connectClient());
  }
}
