package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reply a person must read: unclear, from an unexpected sender, failing DMARC, answering no known
 * work order, or proposing a date that was not applied. It stays in {@code
 * DispatchKit.reviewQueue(int)} until {@code DispatchKit.resolveReview(String, ReviewDecision,
 * String)} resolves it.
 *
 * @param id the inbox dedup key (the Message-ID, or a hash of the content when there was none);
 *     what {@code resolveReview} takes
 * @param receivedAt when it was handled
 * @param from the sender's address, when known
 * @param subject the subject as received, when the record kept one (records stored before the
 *     review queue existed have none)
 * @param text the reply text as received: the new text of the reply and, when it differs, the whole
 *     body after a separator line; at most {@link #MAX_TEXT} characters; empty when the record kept
 *     none
 * @param intent what the classifier decided
 * @param reason why it waits for a person, as a stable code: the inbox outcome when it says more
 *     than {@code unclear} ({@code dmarc-fail}, {@code no-work-order}, {@code
 *     proposed-date-too-far}, {@code nte-request-refused}...), else the classifier's reason code
 *     ({@code no-decision-word}, {@code sender-not-allowed}, {@code negated}...)
 * @param key the work order it is about, when one was found; ACCEPT and DECLINE need one
 */
public record ReviewItem(
    String id,
    Instant receivedAt,
    @Nullable String from,
    @Nullable String subject,
    String text,
    Intent intent,
    String reason,
    @Nullable WorkOrderKey key) {

  /** The most characters of reply text kept for a person to read: 16 KiB of characters. */
  public static final int MAX_TEXT = 16 * 1024;

  /** Checks the required parts. */
  public ReviewItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(reason, "reason");
  }
}
