package dev.dispatchkit.spi;

import dev.dispatchkit.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An email ready to send, as the outbox holds it. Every value bound for a header has been checked
 * for line breaks and control characters, so no value can inject a header of its own.
 *
 * @param id the outbox row's id; stable across retries
 * @param messageId the {@code Message-ID} without angle brackets, derived from {@link #id()}, so a
 *     retried send is recognisable as the same message
 * @param kind what the mail is for; decides the auto-reply headers
 * @param from the {@code From} address
 * @param replyTo the {@code Reply-To} address (a dispatch carries the reply token here); null for
 *     none
 * @param to the recipients; at least one
 * @param subject the subject, one line
 * @param textBody the plain-text body
 * @param htmlBody the HTML alternative; null for plain text only
 * @param envelopeFrom the SMTP envelope sender ({@code MAIL FROM}), such as a VERP address; null to
 *     use {@link #from()}
 * @param inReplyTo the message id this mail answers, without angle brackets; null for none
 * @param headers further header fields, such as {@code X-DispatchKit-Tracking}
 */
public record OutboundMail(
    String id,
    String messageId,
    MailKind kind,
    String from,
    @Nullable String replyTo,
    List<String> to,
    String subject,
    String textBody,
    @Nullable String htmlBody,
    @Nullable String envelopeFrom,
    @Nullable String inReplyTo,
    Map<String, String> headers) {

  /** Checks every part; a value bound for a header may hold no line break or control character. */
  public OutboundMail {
    List<String> violations = new ArrayList<>();
    headerSafe("id", id, violations);
    headerSafe("messageId", messageId, violations);
    Objects.requireNonNull(kind, "kind");
    headerSafe("from", from, violations);
    if (replyTo != null) {
      headerSafe("replyTo", replyTo, violations);
    }
    to = List.copyOf(to);
    if (to.isEmpty()) {
      violations.add("to: at least one recipient is required");
    }
    for (String recipient : to) {
      headerSafe("to", recipient, violations);
    }
    headerSafe("subject", subject, violations);
    Objects.requireNonNull(textBody, "textBody");
    if (envelopeFrom != null) {
      headerSafe("envelopeFrom", envelopeFrom, violations);
    }
    if (inReplyTo != null) {
      headerSafe("inReplyTo", inReplyTo, violations);
    }
    headers = Map.copyOf(headers);
    headers.forEach(
        (name, value) -> {
          if (!isFieldName(name)) {
            violations.add("headers: '" + name + "' is not a valid header field name");
          }
          headerSafe("headers[" + name + "]", value, violations);
        });
    if (!violations.isEmpty()) {
      throw new ValidationException("OutboundMail", violations);
    }
  }

  /**
   * Whether a value may stand in a header: no CR, LF or other control character (a tab is allowed).
   */
  public static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        return false;
      }
    }
    return true;
  }

  private static void headerSafe(String name, @Nullable String value, List<String> violations) {
    Objects.requireNonNull(value, name);
    if (!isHeaderSafe(value)) {
      violations.add(name + ": holds a line break or control character");
    }
  }

  private static boolean isFieldName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ':') {
        return false;
      }
    }
    return true;
  }
}
