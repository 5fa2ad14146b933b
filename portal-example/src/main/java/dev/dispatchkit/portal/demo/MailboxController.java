package dev.dispatchkit.portal.demo;

import dev.dispatchkit.devserver.DevMailServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo's "Mailbox": every mail the embedded server received, newest first, so that a visitor
 * sees what each action sent (service requests, answers to the client, the contact's notice of a
 * new date). Only in the demo profile: a real portal has no such page.
 */
@Controller
@Profile("demo")
final class MailboxController {

  private final DevMailServer mail;

  MailboxController(DevMailServer mail) {
    this.mail = mail;
  }

  /**
   * One received mail, ready to show.
   *
   * @param to the recipients
   * @param from the sender
   * @param subject the subject
   * @param date when it was sent; null when the mail has no date
   * @param body the plain text
   */
  record Mail(String to, String from, String subject, @Nullable Instant date, String body) {}

  @GetMapping("/mailbox")
  String mailbox(Model model) {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage message : mail.greenMail().getReceivedMessages()) {
      mails.add(view(message));
    }
    Collections.reverse(mails);
    model.addAttribute("mails", mails);
    return "mailbox";
  }

  private static Mail view(MimeMessage message) {
    try {
      return new Mail(
          addresses(message.getRecipients(Message.RecipientType.TO)),
          addresses(message.getFrom()),
          message.getSubject() == null ? "" : message.getSubject(),
          message.getSentDate() == null ? null : message.getSentDate().toInstant(),
          text(message));
    } catch (MessagingException e) {
      return new Mail("", "", "(unreadable: " + e.getMessage() + ")", null, "");
    }
  }

  private static String addresses(Address @Nullable [] addresses) {
    return addresses == null
        ? ""
        : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  /** The first text/plain part, or "". */
  private static String text(Part part) throws MessagingException {
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
    } catch (IOException e) {
      return "";
    }
  }
}
