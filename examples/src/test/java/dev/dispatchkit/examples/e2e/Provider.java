package dev.dispatchkit.examples.e2e;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The provider's mail program: it reads the service requests in the provider's mailbox and answers
 * them with a real Jakarta Mail client ({@link MimeMessage#reply(boolean)} fills in the recipient
 * from {@code Reply-To}, the subject and the threading headers), the way a phone would.
 *
 * <p>Every reply carries a Message-ID chosen here, so that a test can deliver the same message
 * twice.
 */
final class Provider {

  private final MailServer mail;
  private final String address;
  private final Clock clock;

  Provider(MailServer mail, String address, Clock clock) {
    this.mail = mail;
    this.address = address;
    this.clock = clock;
  }

  /** Waits for the service request whose subject names {@code #trackingNumber}. */
  MimeMessage awaitServiceRequest(String trackingNumber) {
    return MailServer.await(
            "the service request #" + trackingNumber + " reaches " + address,
            () -> mail.inbox(address),
            found -> found.stream().anyMatch(m -> subject(m).contains("#" + trackingNumber + " ")))
        .stream()
        .filter(m -> subject(m).contains("#" + trackingNumber + " "))
        .findFirst()
        .orElseThrow();
  }

  /**
   * A reply as an iPhone writes it: the new text, "Envoyé de mon iPhone", then the original quoted
   * under an attribution line.
   */
  MimeMessage reply(MimeMessage original, String newText) throws MessagingException {
    MimeMessage reply = replyHeaders(original);
    reply.setText(newText + "\n\n" + quoted(original), "UTF-8");
    return reply;
  }

  /** A reply whose text comes with a photo attached. */
  MimeMessage replyWithPhoto(
      MimeMessage original, String newText, String fileName, String contentType, byte[] photo)
      throws MessagingException {
    MimeMessage reply = replyHeaders(original);
    MimeBodyPart text = new MimeBodyPart();
    text.setText(newText + "\n\n" + quoted(original), "UTF-8");
    MimeBodyPart image = new MimeBodyPart();
    image.setDataHandler(new DataHandler(new ByteArrayDataSource(photo, contentType)));
    image.setFileName(fileName);
    image.setDisposition(Part.ATTACHMENT);
    reply.setContent(new MimeMultipart(text, image));
    return reply;
  }

  /**
   * An Exchange out-of-office answer to the service request: sent to the request's sender, marked
   * {@code Auto-Submitted: auto-replied}, subject "Réponse automatique : ...".
   */
  MimeMessage outOfOffice(MimeMessage original) throws MessagingException {
    MimeMessage ooo = new FixedIdMessage(mail.directSession(), newMessageId());
    ooo.setFrom(new InternetAddress(address));
    ooo.setRecipients(Message.RecipientType.TO, original.getFrom());
    ooo.setSubject("Réponse automatique : " + original.getSubject(), "UTF-8");
    ooo.setSentDate(Date.from(clock.instant().plus(Duration.ofMinutes(1))));
    ooo.setHeader("Auto-Submitted", "auto-replied");
    ooo.setHeader("X-Auto-Response-Suppress", "All");
    ooo.setHeader("In-Reply-To", original.getHeader("Message-ID", null));
    ooo.setText(
        "Bonjour,\n\nJe suis absent du bureau jusqu'au 9 mars. OK pour toute urgence, appelez le"
            + " 06 00 00 00 00.\n",
        "UTF-8");
    return ooo;
  }

  private MimeMessage replyHeaders(MimeMessage original) throws MessagingException {
    Message template = original.reply(false);
    MimeMessage reply = new FixedIdMessage(mail.directSession(), newMessageId());
    for (Enumeration<String> lines = ((MimeMessage) template).getAllHeaderLines();
        lines.hasMoreElements(); ) {
      reply.addHeaderLine(lines.nextElement());
    }
    reply.setFrom(new InternetAddress("Plomberie Acme <" + address + ">"));
    reply.setSentDate(Date.from(clock.instant().plus(Duration.ofMinutes(5))));
    reply.setHeader("X-Mailer", "iPhone Mail (21E236)");
    return reply;
  }

  private static String quoted(MimeMessage original) throws MessagingException {
    String text = Mails.text(original);
    String attribution =
        "Le 2 mars 2026 à 09:00, DispatchKit <" + MailServer.REPLIES + "> a écrit :";
    return "Envoyé de mon iPhone\n\n"
        + attribution
        + "\n\n"
        + text.lines().map(line -> "> " + line).collect(Collectors.joining("\n"))
        + "\n";
  }

  private String newMessageId() {
    return UUID.randomUUID() + "@" + address.substring(address.indexOf('@') + 1);
  }

  private static String subject(MimeMessage message) {
    try {
      String subject = message.getSubject();
      return subject == null ? "" : subject;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A message that keeps the Message-ID it was given, however often it is sent. */
  static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + messageId + ">");
    }

    String messageId() {
      return messageId;
    }
  }

  /** Reading what arrived. */
  static final class Mails {
    private Mails() {}

    /** The text/plain body of a message, wherever it lies in its MIME tree. */
    static String text(Part part) throws MessagingException {
      try {
        if (part.isMimeType("text/plain")) {
          return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
          Multipart multipart = (Multipart) part.getContent();
          for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            String text = text(child);
            if (!text.isEmpty()) {
              return text;
            }
          }
        }
        return "";
      } catch (IOException e) {
        throw new MessagingException("cannot read the body", e);
      }
    }

    /** A header's first value, or null. */
    static String header(MimeMessage message, String name) {
      try {
        return message.getHeader(name, null);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The Message-IDs of messages. */
    static List<String> messageIds(List<MimeMessage> messages) {
      return messages.stream().map(m -> header(m, "Message-ID")).toList();
    }
  }
}
