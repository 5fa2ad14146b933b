package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Step 1 of the reply policy: bounces and auto-replies, decided from headers and the subject before
 * any body text is read. A bounce wins over auto-reply headers.
 */
final class MachineMail {

  private final Lexicon lexicon;
  private final Subjects subjects;

  MachineMail(Lexicon lexicon, Subjects subjects) {
    this.lexicon = lexicon;
    this.subjects = subjects;
  }

  /** The machine-mail reason, or null for mail a person wrote. */
  @Nullable ReplyReason check(InboundMessage message) {
    MailHeaders headers = message.headers();
    String contentType = lower(headers.first("Content-Type").orElse(""));
    boolean report = contentType.startsWith("multipart/report");
    if (report && reportType(contentType).equals("delivery-status")) {
      return ReplyReason.BOUNCE_REPORT;
    }
    String subject = subjects.withoutReplyPrefixes(Folded.fold(message.subject()));
    if (isDaemon(message.from()) && lexicon.containsAny(WordList.BOUNCE_SUBJECT, subject)) {
      return ReplyReason.BOUNCE_SUBJECT;
    }
    if (report && reportType(contentType).equals("disposition-notification")) {
      return ReplyReason.READ_RECEIPT;
    }
    if (isReadReceiptSubject(Lexicon.collapseSpaces(Folded.fold(message.subject())).strip())) {
      return ReplyReason.READ_RECEIPT;
    }
    for (String value : headers.all("Auto-Submitted")) {
      String v = lower(value);
      int semicolon = v.indexOf(';');
      String token = (semicolon < 0 ? v : v.substring(0, semicolon)).strip();
      // RFC 3834: "no" marks mail a person sent; anything else is automatic.
      if (!token.equals("no")) {
        return ReplyReason.AUTO_SUBMITTED;
      }
    }
    if (headers.contains("X-Autoreply")
        || headers.contains("X-Autorespond")
        || headers.contains("X-MS-Exchange-Inbox-Rules-Loop")) {
      return ReplyReason.AUTO_REPLY_HEADER;
    }
    for (String value : headers.all("Precedence")) {
      String v = lower(value).strip();
      if (v.equals("bulk") || v.equals("junk") || v.equals("list") || v.equals("auto_reply")) {
        return ReplyReason.PRECEDENCE;
      }
    }
    if (lexicon.match(WordList.AUTO_REPLY_SUBJECT, subject, 0) != null) {
      return ReplyReason.AUTO_REPLY_SUBJECT;
    }
    return null;
  }

  /** "Lu :", "Read:", "Non lu :": the prefix and its colon open the subject. */
  private boolean isReadReceiptSubject(String folded) {
    for (Lexicon.Entry entry : lexicon.entries(WordList.READ_RECEIPT_SUBJECT)) {
      int end = Lexicon.matchEnd(entry.phrase(), folded, 0);
      if (end < 0) {
        continue;
      }
      while (end < folded.length() && folded.charAt(end) == ' ') {
        end++;
      }
      if (end < folded.length() && folded.charAt(end) == ':') {
        return true;
      }
    }
    return false;
  }

  private static String reportType(String contentType) {
    int at = contentType.indexOf("report-type");
    if (at < 0) {
      return "";
    }
    int k = at + "report-type".length();
    while (k < contentType.length()
        && (contentType.charAt(k) == ' ' || contentType.charAt(k) == '=')) {
      k++;
    }
    if (k < contentType.length() && contentType.charAt(k) == '"') {
      k++;
    }
    int end = k;
    while (end < contentType.length()
        && (Character.isLetterOrDigit(contentType.charAt(end)) || contentType.charAt(end) == '-')) {
      end++;
    }
    return contentType.substring(k, end);
  }

  private static boolean isDaemon(@Nullable String from) {
    if (from == null) {
      return false;
    }
    String f = lower(from).strip();
    int at = f.indexOf('@');
    String local = at < 0 ? f : f.substring(0, at);
    return local.equals("mailer-daemon") || local.equals("postmaster");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
