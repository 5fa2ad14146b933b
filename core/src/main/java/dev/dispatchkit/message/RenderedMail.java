package dev.dispatchkit.message;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The subject and bodies of one email, ready to queue.
 *
 * @param subject one line: line breaks and other control characters are replaced by spaces
 * @param text the plain-text body
 * @param html the HTML alternative, every value escaped; null for plain text only
 */
public record RenderedMail(String subject, String text, @Nullable String html) {

  /** Flattens the subject to one line, so that no value can start a header of its own. */
  public RenderedMail {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    subject = MailText.oneLine(subject);
  }
}
