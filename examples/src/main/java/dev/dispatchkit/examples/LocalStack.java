package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.DispatchKitBuilder;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.QuarantinedMessage;
import dev.dispatchkit.mail.SmtpMailSender;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.WorkOrderStore;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Everything a DispatchKit host needs, embedded and on loopback only: a {@link DevMailServer} (SMTP
 * and IMAP on free ports, with plus addressing), an H2 file database, the JDBC store and attachment
 * store, the Jakarta Mail sender and IMAP source, and the {@link DispatchKit} built on them with
 * the given clock. Also plays the other side: {@link #newMail} reads a mailbox over IMAP and {@link
 * #reply} answers a mail over SMTP, both with a real Jakarta Mail client, as a provider's mail
 * program would.
 *
 * <p>Used by the demo and by end-to-end tests. {@link #close()} stops every server and thread it
 * started.
 */
final class LocalStack implements AutoCloseable {

  /** The domain of the host application: its dispatch mailbox and reply address. */
  static final String HOST_DOMAIN = "dispatchkit.example";

  /** Where service requests come from and replies go to. */
  static final String DISPATCH_ADDRESS = "dispatch@" + HOST_DOMAIN;

  /** Every mailbox's password; each logs in with its full address as the user name. */
  static final String PASSWORD = "demo";

  // A fixed demo key: tokens are only as secret as this; a real host loads its key from a vault.
  private static final byte[] DEMO_KEY =
      "dispatchkit demo reply-token key - not a secret".getBytes(UTF_8);

  // How long the mail adapters wait for the embedded server; generous, it is on loopback.
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  // Gmail's French attribution line: "Le lun. 2 mars 2026 à 09:00, X <x@y> a écrit :".
  private static final DateTimeFormatter QUOTE_DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy 'à' HH:mm", Locale.FRENCH)
          .withZone(ZoneId.of("Europe/Paris"));

  private final DevMailServer mail;
  private final JdbcDataSource dataSource;
  private final WorkOrderStore store;
  private final AttachmentStore attachments;
  private final SmtpMailSender mailSender;
  private final ImapMailSource mailSource;
  private final DispatchKit kit;
  private final List<QuarantinedMessage> quarantined = new CopyOnWriteArrayList<>();
  private final Clock clock;

  private LocalStack(
      Path dataDirectory,
      Clock clock,
      List<String> mailboxes,
      UnaryOperator<DispatchKitBuilder> customizer) {
    this.clock = Objects.requireNonNull(clock, "clock");
    DevMailServer.Builder server =
        DevMailServer.builder().timeout(TIMEOUT).mailbox(DISPATCH_ADDRESS, PASSWORD);
    mailboxes.forEach(mailbox -> server.mailbox(mailbox, PASSWORD));
    mail = server.build();
    boolean started = false;
    try {
      dataSource = new JdbcDataSource();
      dataSource.setURL(freshDatabase(dataDirectory));
      store = JdbcStore.builder(dataSource).build();
      attachments = JdbcStore.builder(dataSource).buildAttachmentStore();
      mailSender = mail.smtp().clock(clock).build();
      mailSource =
          mail.imap(DISPATCH_ADDRESS)
              .useIdle(false)
              .onQuarantine(quarantined::add)
              .clock(clock)
              .build();
      kit =
          customizer
              .apply(
                  DispatchKit.builder()
                      .store(store)
                      .mailSender(mailSender)
                      .attachmentStore(attachments)
                      .replyTokens(ReplyTokens.builder().signingKey(1, DEMO_KEY).build())
                      .fromAddress(DISPATCH_ADDRESS)
                      .replyAddress("dispatch", HOST_DOMAIN)
                      .clock(clock))
              .build();
      started = true;
    } finally {
      if (!started) {
        mail.close();
      }
    }
  }

  /**
   * Starts a stack.
   *
   * @param dataDirectory where the H2 file database lives; a database left there by an earlier run
   *     is deleted first
   * @param clock the clock of the kit and of the mail adapters
   * @param mailboxes the addresses (providers, client, contacts) to create mailboxes for, besides
   *     {@link #DISPATCH_ADDRESS}
   */
  static LocalStack start(Path dataDirectory, Clock clock, List<String> mailboxes) {
    return start(dataDirectory, clock, mailboxes, UnaryOperator.identity());
  }

  /**
   * Starts a stack whose kit builder is first passed through {@code customizer}, for policies, a
   * listener or a fallback provider.
   */
  static LocalStack start(
      Path dataDirectory,
      Clock clock,
      List<String> mailboxes,
      UnaryOperator<DispatchKitBuilder> customizer) {
    return new LocalStack(dataDirectory, clock, List.copyOf(mailboxes), customizer);
  }

  /** The kit, on the JDBC store and the embedded mail server. */
  DispatchKit kit() {
    return kit;
  }

  /** The JDBC store, for preferences and for looking behind the facade. */
  WorkOrderStore store() {
    return store;
  }

  /** The JDBC attachment store. */
  AttachmentStore attachments() {
    return attachments;
  }

  /** The IMAP source on {@link #DISPATCH_ADDRESS}'s inbox; pass it to {@code pollOnce}. */
  ImapMailSource mailSource() {
    return mailSource;
  }

  /** Messages the IMAP source has put in quarantine so far. */
  List<QuarantinedMessage> quarantined() {
    return List.copyOf(quarantined);
  }

  /** The embedded mail server, for tests that look at what it received. */
  DevMailServer mailServer() {
    return mail;
  }

  int smtpPort() {
    return mail.smtpPort();
  }

  int imapPort() {
    return mail.imapPort();
  }

  /**
   * The mail in {@code address}'s inbox that this method has not returned before, oldest first,
   * read over IMAP and marked {@code \Seen}. The messages are copies that stay readable after the
   * connection is closed.
   */
  List<MimeMessage> newMail(String address) {
    return mail.newMessages(address);
  }

  /** Starts a reply to {@code original} as its recipient's mail program would write it. */
  Reply reply(MimeMessage original) {
    return new Reply(original);
  }

  /** The first {@code text/plain} part of a message, or "" when it has none. */
  static String text(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return part.getContent().toString();
      }
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          String text = text(multipart.getBodyPart(i));
          if (!text.isEmpty()) {
            return text;
          }
        }
      }
      return "";
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read a message part", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first value of a header, or null. */
  static @Nullable String header(Part part, String name) {
    try {
      String[] values = part.getHeader(name);
      return values == null || values.length == 0 ? null : values[0];
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read header " + name, e);
    }
  }

  /** Stops the mail server and closes the mail source and the database. Safe to call twice. */
  @Override
  public void close() {
    try {
      mailSource.close();
    } finally {
      try {
        // Closes the file and stops H2's background writer: nothing outlives the stack.
        try (Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("SHUTDOWN");
        } catch (SQLException e) {
          // Already shut down by an earlier close.
        }
      } finally {
        mail.close();
      }
    }
  }

  private static String freshDatabase(Path directory) {
    try {
      Files.createDirectories(directory);
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("dispatchkit.")).toList()) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the database directory " + directory, e);
    }
    // AUTO_SERVER=FALSE: the file is this process's alone; nothing listens on a port.
    return "jdbc:h2:file:"
        + directory.toAbsolutePath().resolve("dispatchkit")
        + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
  }

  /** A reply being written; {@link #send()} sends it over SMTP. Not thread-safe. */
  final class Reply {
    private final MimeMessage original;
    private String text = "";
    private @Nullable String signature;
    private boolean quote = true;
    private boolean autoReply;
    private @Nullable String imageName;
    private byte @Nullable [] image;

    private Reply(MimeMessage original) {
      this.original = original;
    }

    /** What the person typed on top. */
    Reply text(String value) {
      this.text = Objects.requireNonNull(value, "text");
      return this;
    }

    /** A signature after the text, such as "Envoyé de mon iPhone". */
    Reply signature(String value) {
      this.signature = Objects.requireNonNull(value, "signature");
      return this;
    }

    /** Whether the original is quoted below, Gmail style; it is by default. */
    Reply quoteOriginal(boolean value) {
      this.quote = value;
      return this;
    }

    /** Marks the reply as an automatic one (RFC 3834), as out-of-office programs do. */
    Reply autoReply() {
      this.autoReply = true;
      return this;
    }

    /** Attaches a PNG image. */
    Reply image(String fileName, byte[] png) {
      this.imageName = Objects.requireNonNull(fileName, "fileName");
      this.image = png.clone();
      return this;
    }

    /**
     * Sends the reply from the original's recipient to its {@code Reply-To} (or {@code From}), with
     * {@code In-Reply-To} and {@code References}.
     *
     * @return the reply as sent
     */
    MimeMessage send() {
      try {
        InternetAddress from =
            (InternetAddress) original.getRecipients(Message.RecipientType.TO)[0];
        Address[] replyTo = original.getReplyTo();
        InternetAddress to = (InternetAddress) replyTo[0];
        MimeMessage reply = new MimeMessage(mail.session());
        reply.setFrom(from);
        reply.setRecipient(Message.RecipientType.TO, to);
        String subject = original.getSubject();
        reply.setSubject(subject.startsWith("RE:") ? subject : "RE: " + subject, "UTF-8");
        reply.setSentDate(Date.from(clock.instant()));
        String originalId = original.getMessageID();
        reply.setHeader("In-Reply-To", originalId);
        String references = header(original, "References");
        reply.setHeader(
            "References", references == null ? originalId : references + " " + originalId);
        if (autoReply) {
          reply.setHeader("Auto-Submitted", "auto-replied");
        }
        String body = body();
        if (image == null) {
          reply.setText(body, "UTF-8");
        } else {
          MimeBodyPart textPart = new MimeBodyPart();
          textPart.setText(body, "UTF-8");
          MimeBodyPart imagePart = new MimeBodyPart();
          imagePart.setDataHandler(new DataHandler(new ByteArrayDataSource(image, "image/png")));
          imagePart.setFileName(imageName);
          imagePart.setDisposition(Part.ATTACHMENT);
          reply.setContent(new MimeMultipart(textPart, imagePart));
        }
        // To dispatch+<token>@...: the server delivers it to the base mailbox.
        mail.send(reply);
        return reply;
      } catch (MessagingException e) {
        throw new IllegalStateException("cannot send the reply", e);
      }
    }

    private String body() throws MessagingException {
      StringBuilder body = new StringBuilder(text).append("\n");
      if (signature != null) {
        body.append("\n").append(signature).append("\n");
      }
      if (quote) {
        InternetAddress sender = (InternetAddress) original.getFrom()[0];
        body.append("\nLe ")
            .append(QUOTE_DATE.format(original.getSentDate().toInstant()))
            .append(", ")
            .append(sender.toUnicodeString())
            .append(" a écrit :\n");
        for (String line : LocalStack.text(original).split("\r?\n", -1)) {
          body.append(line.isEmpty() ? ">" : "> " + line).append("\n");
        }
      }
      return body.toString();
    }
  }
}
