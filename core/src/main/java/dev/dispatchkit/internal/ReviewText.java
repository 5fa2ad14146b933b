package dev.dispatchkit.internal;

import dev.dispatchkit.reply.HtmlToText;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.spi.InboxRecord;

/**
 * The text a person reads in the review queue: the new text the classifier read and, when the body
 * says more (a quote, a signature, a forward the trimmer removed), the whole body below a
 * separator, because what was trimmed may be why the reply was unclear.
 */
final class ReviewText {

  /** The line between the new text and the body as received. */
  static final String SEPARATOR = "----- message as received -----";

  // HTML is cut before conversion, like the classifier does: a review page needs no more.
  private static final int MAX_HTML = 4 * InboxRecord.MAX_TEXT;

  private ReviewText() {}

  /** The text to keep, at most {@link InboxRecord#MAX_TEXT} characters once the record cuts it. */
  static String of(InboundMessage message, ReplyDecision decision) {
    String reply = decision.replyText().strip();
    String body = body(message).strip();
    if (body.isEmpty() || body.equals(reply)) {
      return reply;
    }
    if (reply.isEmpty()) {
      return body;
    }
    return reply + "\n\n" + SEPARATOR + "\n" + body;
  }

  private static String body(InboundMessage message) {
    String text = message.textBody();
    if (text != null && !text.isBlank()) {
      return text;
    }
    String html = message.htmlBody();
    if (html == null || html.isBlank()) {
      return "";
    }
    return HtmlToText.simple()
        .toText(html.length() > MAX_HTML ? html.substring(0, MAX_HTML) : html);
  }
}
