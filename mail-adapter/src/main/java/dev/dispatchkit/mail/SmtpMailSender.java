package dev.dispatchkit.mail;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.OutboundMail;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@link OutboundMail} through an SMTP server with Jakarta Mail.
 *
 * <p>Each mail gets {@code Message-ID: <}{@link OutboundMail#messageId()}{@code >}, so a retried
 * send carries the same id. {@link dev.dispatchkit.spi.MailKind#DISPATCH} mail asks Exchange
 * auto-responders to stay quiet ({@code X-Auto-Response-Suppress: OOF, AutoReply}); {@link
 * dev.dispatchkit.spi.MailKind#MACHINE_NOTICE} mail is marked {@code Auto-Submitted: auto-replied}
 * and {@code X-Auto-Response-Suppress: All}.
 *
 * <p>Thread-safe. It shares one Jakarta Mail {@link Session} and opens one SMTP connection per
 * mail: the outbox relay sends a trickle of mail, and a fresh connection never inherits a broken
 * state from the previous send.
 *
 * <p>Failures are {@link MailTransportException}s: {@linkplain MailTransportException#permanent()
 * permanent} when every SMTP reply code involved is 5xx, or when the mail cannot be written as a
 * message at all; passing for connection and authentication failures and 4xx replies.
 */
public final class SmtpMailSender implements MailSender {

  /** Header fields the sender writes itself; {@link OutboundMail#headers()} may not set them. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "message-id",
          "date",
          "from",
          "sender",
          "to",
          "cc",
          "bcc",
          "reply-to",
          "subject",
          "in-reply-to",
          "references",
          "return-path",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "content-disposition",
          "auto-submitted",
          "x-auto-response-suppress");

  private final ServerSettings server;
  private final Session session;
  private final Clock clock;

  private SmtpMailSender(ServerSettings server, Clock clock) {
    this.server = server;
    this.clock = clock;
    this.session = Session.getInstance(server.toProperties());
  }

  /** A builder; {@link Builder#host(String)} is required. Same as {@link JakartaMail#smtp()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends one mail over a new SMTP connection.
   *
   * @throws MailTransportException when the server was unreachable or refused the mail, or when the
   *     mail holds a value that cannot stand in a header (permanent)
   */
  @Override
  public void send(OutboundMail mail) {
    Objects.requireNonNull(mail, "mail");
    MimeMessage message = compose(mail);
    Transport transport = null;
    try {
      transport = session.getTransport("smtp");
      transport.connect(server.host(), server.port(), server.username(), server.password());
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      throw translate(e, mail.messageId());
    } finally {
      // Once the server has accepted the mail, a failing QUIT must not turn into a retry.
      closeQuietly(transport);
    }
  }

  /** Builds the MIME message; package-private so tests can inspect it without a server. */
  MimeMessage compose(OutboundMail mail) {
    List<String> violations = new ArrayList<>();
    try {
      DispatchMessage message = new DispatchMessage(session, mail.messageId());
      checkMessageId("messageId", mail.messageId(), violations);
      InternetAddress from = single("from", mail.from(), violations);
      List<InternetAddress> to = new ArrayList<>();
      for (String recipient : mail.to()) {
        to.add(single("to", recipient, violations));
      }
      InternetAddress replyTo =
          mail.replyTo() == null ? null : single("replyTo", mail.replyTo(), violations);
      InternetAddress envelopeFrom =
          mail.envelopeFrom() == null
              ? null
              : single("envelopeFrom", mail.envelopeFrom(), violations);
      headerSafe("subject", mail.subject(), violations);
      if (mail.inReplyTo() != null) {
        checkMessageId("inReplyTo", mail.inReplyTo(), violations);
      }
      // Sorted, so that the same mail always produces the same header order.
      Map<String, String> extra = new TreeMap<>(mail.headers());
      extra.forEach(
          (name, value) -> {
            headerSafe("headers[" + name + "]", value, violations);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
              violations.add("headers[" + name + "]: is written by the mail sender itself");
            }
          });
      if (!violations.isEmpty()) {
        throw new ValidationException("OutboundMail " + mail.id(), violations);
      }

      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
      if (replyTo != null) {
        message.setReplyTo(new Address[] {replyTo});
      }
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(clock.instant()));
      for (Map.Entry<String, String> header : extra.entrySet()) {
        String name = header.getKey();
        String encoded = MimeUtility.encodeText(header.getValue(), "UTF-8", null);
        message.setHeader(name, MimeUtility.fold(name.length() + 2, encoded));
      }
      switch (mail.kind()) {
        case DISPATCH -> message.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
        case MACHINE_NOTICE -> {
          message.setHeader("Auto-Submitted", "auto-replied");
          message.setHeader("X-Auto-Response-Suppress", "All");
        }
        case NOTIFICATION -> {}
      }
      if (mail.inReplyTo() != null) {
        message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
        message.setHeader("References", "<" + mail.inReplyTo() + ">");
      }
      if (envelopeFrom != null) {
        message.setEnvelopeFrom(envelopeFrom.getAddress());
      }
      if (mail.htmlBody() == null) {
        message.setText(mail.textBody(), "UTF-8");
      } else {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.htmlBody(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
      }
      message.saveChanges();
      return message;
    } catch (ValidationException e) {
      throw new MailTransportException(
          "mail " + mail.id() + " cannot be sent: " + String.join("; ", e.violations()),
          true,
          mail.messageId(),
          e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailTransportException(
          "mail " + mail.id() + " cannot be written as a MIME message: " + e.getMessage(),
          true,
          mail.messageId(),
          e);
    }
  }

  /**
   * Maps a Jakarta Mail failure to a {@link MailTransportException}: permanent when the server gave
   * reply codes and all of them are 5xx.
   */
  static MailTransportException translate(MessagingException failure, @Nullable String messageId) {
    List<Integer> codes = new ArrayList<>();
    // Angus chains one exception per refused recipient behind the summary exception.
    for (Exception e = failure; e != null; ) {
      if (e instanceof SMTPAddressFailedException a) {
        codes.add(a.getReturnCode());
      } else if (e instanceof SMTPSenderFailedException s) {
        codes.add(s.getReturnCode());
      } else if (e instanceof SMTPSendFailedException s) {
        codes.add(s.getReturnCode());
      }
      Exception next = e instanceof MessagingException m ? m.getNextException() : null;
      if (next == e) {
        break;
      }
      e = next;
    }
    // An authentication failure is the configuration's fault, not the mail's: retry once fixed.
    boolean permanent =
        !(failure instanceof AuthenticationFailedException)
            && !codes.isEmpty()
            && codes.stream().allMatch(code -> code >= 500 && code < 600);
    String text = failure.getMessage() == null ? failure.toString() : failure.getMessage().strip();
    return new MailTransportException(
        "SMTP send failed" + (codes.isEmpty() ? "" : " " + codes) + ": " + text,
        permanent,
        messageId,
        failure);
  }

  private static InternetAddress single(String field, String value, List<String> violations) {
    if (!headerSafe(field, value, violations)) {
      return placeholder();
    }
    try {
      // Strict parsing, and exactly one address: "a@x, b@y" must not add a recipient.
      InternetAddress[] parsed = InternetAddress.parseHeader(value, true);
      if (parsed.length != 1) {
        violations.add(field + ": must hold exactly one address, found " + parsed.length);
        return placeholder();
      }
      InternetAddress address = parsed[0];
      address.validate();
      if (address.getPersonal() == null) {
        return address;
      }
      // Re-create it so that a non-ASCII display name is written RFC 2047-encoded.
      return new InternetAddress(address.getAddress(), address.getPersonal(), "UTF-8");
    } catch (AddressException | UnsupportedEncodingException e) {
      violations.add(field + ": '" + value + "' is not a valid address");
      return placeholder();
    }
  }

  private static InternetAddress placeholder() {
    return new InternetAddress();
  }

  private static boolean headerSafe(String field, String value, List<String> violations) {
    if (!OutboundMail.isHeaderSafe(value)) {
      violations.add(field + ": holds a line break or control character");
      return false;
    }
    return true;
  }

  private static void checkMessageId(String field, String value, List<String> violations) {
    if (!headerSafe(field, value, violations)) {
      return;
    }
    if (value.isEmpty()
        || value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '<' || c == '>')) {
      violations.add(field + ": '" + value + "' is not a message id without angle brackets");
    }
  }

  private static void closeQuietly(@Nullable Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // The mail is either sent or already reported; a failed QUIT changes neither.
    }
  }

  /** A message whose Message-ID is the outbox's, not one Jakarta Mail invents. */
  private static final class DispatchMessage extends SMTPMessage {
    private final String messageId;

    DispatchMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + messageId + ">");
    }
  }

  /**
   * Settings for an {@link SmtpMailSender}. Each setter rejects a bad value at once with a {@link
   * ConfigurationException} naming the setting; {@link #build()} names what is missing. Not
   * thread-safe.
   */
  public static final class Builder extends ServerBuilder<Builder> {

    private Builder() {
      super("smtp", 25, 587, 465);
    }

    /**
     * The sender.
     *
     * @throws ConfigurationException naming the setting that is missing or inconsistent
     */
    public SmtpMailSender build() {
      return new SmtpMailSender(serverSettings(), clock());
    }
  }
}
