package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.TrackingNumber;
import java.time.LocalDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reply means, and why. Built by {@link ReplyClassifier}.
 *
 * @param intent what the reply means
 * @param reason the rule that decided it; always belongs to {@code intent}
 * @param replyText the new text the sender wrote, quote and signature removed; empty for machine
 *     mail and when there is none
 * @param note the text after the decision word, greeting, closing and signature removed; empty when
 *     there is none. For UNCLEAR replies it is empty: the whole {@code replyText} is what a human
 *     reads
 * @param trackingNumber the work order the reply answers, or that machine mail names (reported
 *     only: machine mail changes no work order); null when none was found (and, with {@link
 *     ReplyCandidates#resolveWithoutStore()}, when the match came from a header only)
 * @param correlation how the work order was found; null when it was not
 * @param proposedDate the local date-time the provider commits to, in the site's zone (or the
 *     offset of the reply's {@code Date}); only for ACCEPT with an unambiguous date, else null
 * @param declineReason why the provider declines; only for DECLINE, and null when the reply names
 *     no reason and has no note
 * @param nteAmount the NTE the provider asks for; present exactly for NTE_INCREASE. In the work
 *     order's currency when the target knew it
 */
public record ReplyDecision(
    Intent intent,
    ReplyReason reason,
    String replyText,
    String note,
    @Nullable TrackingNumber trackingNumber,
    @Nullable Correlation correlation,
    @Nullable LocalDateTime proposedDate,
    @Nullable DeclineReason declineReason,
    @Nullable Money nteAmount) {

  /**
   * Checks that the parts agree with each other.
   *
   * @throws IllegalArgumentException when the reason belongs to another intent, a proposed date
   *     comes without ACCEPT, a decline reason without DECLINE, or a tracking number without a
   *     correlation
   */
  public ReplyDecision {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(replyText, "replyText");
    Objects.requireNonNull(note, "note");
    if (reason.intent() != intent) {
      throw new IllegalArgumentException("reason " + reason.code() + " does not lead to " + intent);
    }
    if (proposedDate != null && intent != Intent.ACCEPT) {
      throw new IllegalArgumentException("only an ACCEPT proposes a date");
    }
    if (declineReason != null && intent != Intent.DECLINE) {
      throw new IllegalArgumentException("only a DECLINE has a decline reason");
    }
    if ((nteAmount != null) != (intent == Intent.NTE_INCREASE)) {
      throw new IllegalArgumentException("an NTE_INCREASE, and only it, carries an NTE amount");
    }
    if (trackingNumber != null && correlation == null) {
      throw new IllegalArgumentException("a tracking number needs the correlation that found it");
    }
  }

  /** Whether the reply changes the work order (ACCEPT, DECLINE or NTE_INCREASE). */
  public boolean decides() {
    return intent == Intent.ACCEPT || intent == Intent.DECLINE || intent == Intent.NTE_INCREASE;
  }

  /** Whether a machine sent it (AUTO_REPLY or BOUNCE): such mail is never answered. */
  public boolean isMachineMail() {
    return intent == Intent.AUTO_REPLY || intent == Intent.BOUNCE;
  }
}
