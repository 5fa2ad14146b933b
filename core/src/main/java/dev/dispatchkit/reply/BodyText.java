package dev.dispatchkit.reply;

/**
 * The text the classifier reads from a message, cut at a length cap. Why: every later step (HTML
 * conversion, trimming, reading) is linear, but a 20 MiB line still costs memory and time in each;
 * the cap turns the message's size into a fixed ceiling.
 */
final class BodyText {

  private BodyText() {}

  /** The text to classify, and whether the message had more than the classifier read. */
  record Body(String text, boolean cut) {}

  /** The plain body when it has text, else the converted HTML body; each cut at {@code max}. */
  static Body of(InboundMessage message, HtmlToText htmlToText, int max) {
    String text = message.textBody();
    if (text != null && !text.isBlank()) {
      return new Body(cut(text, max), text.length() > max);
    }
    String html = message.htmlBody();
    if (html != null && !html.isBlank()) {
      // The HTML is cut before conversion: the converter must not see more than the cap either.
      String converted = htmlToText.toText(cut(html, max));
      return new Body(cut(converted, max), html.length() > max || converted.length() > max);
    }
    return new Body(text == null ? "" : text, false);
  }

  /** The first {@code max} characters, one fewer when that would split a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
