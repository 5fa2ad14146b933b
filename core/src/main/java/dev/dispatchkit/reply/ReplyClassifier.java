package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.TrackingNumber;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a provider's reply means, following the reply policy, in order: machine mail
 * (bounce, then auto-reply) from headers and subject; the work order (reply token, then {@code
 * In-Reply-To}/{@code References}, then a tracking number in the subject); the sender; the new text
 * (quotes, headers, forwards and signatures removed); and the decision word that opens it.
 *
 * <p>Reading is one-way and needs no store: {@link #correlate} lists what may identify the work
 * order, the host resolves those candidates to a {@link ReplyTarget} (or uses {@link
 * ReplyCandidates#resolveWithoutStore()}), and {@link #classify} decides from the message and that
 * target alone.
 *
 * <p>Instances are immutable and thread-safe. Neither method throws for any message content;
 * whatever the classifier cannot read with certainty is {@link Intent#UNCLEAR}.
 */
public final class ReplyClassifier {

  /**
   * The most characters of a body the classifier reads: the plain body, or the HTML body before and
   * its text after conversion. A longer body is cut, and the decision is {@link
   * ReplyReason#TEXT_TOO_LONG}.
   */
  public static final int MAX_BODY_CHARS = 1_000_000;

  /**
   * The most characters of new text a decision carries as its {@code replyText}; past it the text
   * is cut and the decision is {@link ReplyReason#TEXT_TOO_LONG}.
   */
  public static final int MAX_REPLY_TEXT_CHARS = 100_000;

  private final Vocabulary vocabulary;
  private final @Nullable ReplyTokens replyTokens;
  private final HtmlToText htmlToText;
  private final ReplyTrimmer trimmer;
  private final MachineMail machineMail;
  private final Subjects subjects;
  private final ReplyReader reader;
  private final ProposedDates dates;

  private ReplyClassifier(Builder builder) {
    this.vocabulary = builder.vocabulary;
    this.replyTokens = builder.replyTokens;
    this.htmlToText = builder.htmlToText;
    Lexicon lexicon = new Lexicon(vocabulary);
    this.trimmer = new ReplyTrimmer(vocabulary, lexicon);
    this.subjects = new Subjects(lexicon);
    this.machineMail = new MachineMail(lexicon, subjects);
    this.reader = new ReplyReader(lexicon, trimmer);
    this.dates = new ProposedDates(lexicon);
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
   * What in a message identifies the work order it answers, without any store: the dispatch ids of
   * verified reply tokens in the recipients, then the {@code In-Reply-To} and {@code References}
   * ids (newest first), then a tracking number in the subject. The host looks them up in that order
   * and passes what it found to {@link #classify}.
   *
   * @param message the received message
   * @return the candidates, possibly none; never null
   */
  public ReplyCandidates correlate(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    List<Long> dispatchIds = new ArrayList<>();
    if (replyTokens != null) {
      for (String recipient : message.recipients()) {
        OptionalLong dispatchId = replyTokens.verifyAddress(recipient);
        if (dispatchId.isPresent()) {
          dispatchIds.add(dispatchId.getAsLong());
        }
      }
    }
    List<String> ids = new ArrayList<>();
    if (message.inReplyTo() != null) {
      ids.add(message.inReplyTo());
    }
    // Newest first: the last References entry is the message answered.
    for (int i = message.references().size() - 1; i >= 0; i--) {
      ids.add(message.references().get(i));
    }
    List<String> messageIds = new ArrayList<>();
    for (String id : ids) {
      String bare = stripBrackets(id);
      if (!bare.isEmpty()) {
        messageIds.add(bare);
      }
    }
    return new ReplyCandidates(dispatchIds, messageIds, Subjects.trackingNumber(message.subject()));
  }

  /**
   * Classifies one reply as a tool with no store reads it: {@link #correlate}'s candidates resolved
   * by {@link ReplyCandidates#resolveWithoutStore()}, then {@link #classify(InboundMessage,
   * ReplyTarget)}. This is the path of the {@code reply-check} command.
   *
   * @param message the received message
   * @return the decision; never null
   */
  public ReplyDecision classifyWithoutStore(InboundMessage message) {
    return classify(message, correlate(message).resolveWithoutStore());
  }

  /**
   * Classifies one reply against the work order its candidates resolved to. It reads nothing but
   * its arguments.
   *
   * @param message the received message
   * @param target the work order the host found for {@link #correlate}'s candidates, its allowed
   *     senders and its zone; null when none resolved
   * @return the decision, with its reason and the new text; never null
   */
  public ReplyDecision classify(InboundMessage message, @Nullable ReplyTarget target) {
    Objects.requireNonNull(message, "message");

    ReplyReason machine = machineMail.check(message);
    if (machine != null) {
      // Reported, not applied: a person checking a bounce wants to see which order it names.
      TrackingNumber machineTn = null;
      if (target != null) {
        machineTn = target.trackingNumber();
        if (machineTn == null) {
          machineTn = Subjects.trackingNumber(message.subject());
        }
      }
      return decision(
          machine, "", "", machineTn, target == null ? null : target.correlation(), null, null);
    }

    // Body extraction with its length cap; a cut text is never read for a decision.
    BodyText.Body body = BodyText.of(message, htmlToText, MAX_BODY_CHARS);
    ReplyTrimmer.Result trimmed = trimmer.trim(body.text());
    String replyText = BodyText.cut(trimmed.text(), MAX_REPLY_TEXT_CHARS);
    boolean cut = body.cut() || trimmed.text().length() > MAX_REPLY_TEXT_CHARS;

    if (target == null) {
      ReplyReason reason = cut ? ReplyReason.TEXT_TOO_LONG : ReplyReason.NO_WORK_ORDER;
      return decision(reason, replyText, "", null, null, null, null);
    }
    TrackingNumber trackingNumber = target.trackingNumber();
    if (trackingNumber == null) {
      trackingNumber = Subjects.trackingNumber(message.subject());
    }
    Correlation correlation = target.correlation();
    if (!target.allows(message.from())) {
      return decision(
          ReplyReason.SENDER_NOT_ALLOWED, replyText, "", trackingNumber, correlation, null, null);
    }
    if (cut) {
      return decision(
          ReplyReason.TEXT_TOO_LONG, replyText, "", trackingNumber, correlation, null, null);
    }
    boolean forward = subjects.isForward(message.subject()) || trimmed.forwardMarker();
    if (forward && (!trimmed.markerFound() || !trimmed.textAboveMarker())) {
      return decision(
          ReplyReason.FORWARD_WITHOUT_TEXT, "", "", trackingNumber, correlation, null, null);
    }
    if (trimmed.interleaved()) {
      return decision(
          ReplyReason.INTERLEAVED_QUOTE, replyText, "", trackingNumber, correlation, null, null);
    }

    ReplyReader.Reading reading = reader.read(replyText, target.currency());
    LocalDateTime proposed = null;
    if (reading.reason() == ReplyReason.ACCEPT_WORD && message.date() != null) {
      proposed = dates.find(reading.note(), reading.languages(), reference(message.date(), target));
    }
    return decision(
        reading.reason(),
        replyText,
        reading.note(),
        trackingNumber,
        correlation,
        proposed,
        reading.declineReason(),
        reading.nteAmount());
  }

  /** The trimmer this classifier uses for new-text extraction. */
  public ReplyTrimmer trimmer() {
    return trimmer;
  }

  /** The vocabulary this classifier reads with. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The reply's local date-time: in the site's zone when known, else in the Date's offset. */
  private static LocalDateTime reference(OffsetDateTime date, ReplyTarget target) {
    return target.zone() == null
        ? date.toLocalDateTime()
        : date.atZoneSameInstant(target.zone()).toLocalDateTime();
  }

  private static String stripBrackets(String id) {
    String s = id.strip();
    if (s.startsWith("<") && s.endsWith(">") && s.length() >= 2) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static ReplyDecision decision(
      ReplyReason reason,
      String replyText,
      String note,
      @Nullable TrackingNumber trackingNumber,
      @Nullable Correlation correlation,
      @Nullable LocalDateTime proposedDate,
      @Nullable DeclineReason declineReason) {
    return decision(
        reason, replyText, note, trackingNumber, correlation, proposedDate, declineReason, null);
  }

  private static ReplyDecision decision(
      ReplyReason reason,
      String replyText,
      String note,
      @Nullable TrackingNumber trackingNumber,
      @Nullable Correlation correlation,
      @Nullable LocalDateTime proposedDate,
      @Nullable DeclineReason declineReason,
      @Nullable Money nteAmount) {
    return new ReplyDecision(
        reason.intent(),
        reason,
        replyText,
        note,
        correlation == null ? null : trackingNumber,
        correlation,
        proposedDate,
        declineReason,
        nteAmount);
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

    /**
     * Converts HTML-only messages to text; {@link HtmlToText#simple()} unless set. The mail adapter
     * offers one that removes quote containers first.
     */
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
