package dev.dispatchkit.reply;

/**
 * Turns an HTML body into plain text for the classifier, when a message has no {@code text/plain}
 * part. Implementations should drop quoted containers ({@code <blockquote>}, Gmail's {@code
 * gmail_quote}...) so that only the new text remains, and must never throw.
 */
@FunctionalInterface
public interface HtmlToText {

  /**
   * @param html an HTML document or fragment, possibly malformed
   * @return its text, one line per block element; never null
   */
  String toText(String html);

  /**
   * A small converter with no dependency: strips tags, drops the content of {@code blockquote},
   * {@code style}, {@code script} and {@code head}, decodes common entities and turns block
   * elements into line breaks. It runs in time linear in the input.
   */
  static HtmlToText simple() {
    return SimpleHtmlToText.INSTANCE;
  }
}
