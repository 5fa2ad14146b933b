package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.TrackingNumber;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What identifies the work order a message answers, read from the message alone by {@link
 * ReplyClassifier#correlate}. A host looks the candidates up in the policy's order, and the first
 * one that resolves wins: every dispatch id, then every message id, then the subject's number.
 *
 * @param dispatchIds the dispatch ids that verified reply tokens in the recipients carry, in
 *     recipient order
 * @param messageIds the {@code In-Reply-To} id, then the {@code References} ids newest first, each
 *     without angle brackets and never blank
 * @param subjectNumber the tracking number in the subject; null when the subject names none
 */
public record ReplyCandidates(
    List<Long> dispatchIds, List<String> messageIds, @Nullable TrackingNumber subjectNumber) {

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException when a message id is blank
   */
  public ReplyCandidates {
    dispatchIds = List.copyOf(Objects.requireNonNull(dispatchIds, "dispatchIds"));
    messageIds = List.copyOf(Objects.requireNonNull(messageIds, "messageIds"));
    for (String id : messageIds) {
      if (id.isBlank()) {
        throw new IllegalArgumentException("blank message id");
      }
    }
  }

  /** Whether nothing in the message can identify a work order. */
  public boolean isEmpty() {
    return dispatchIds.isEmpty() && messageIds.isEmpty() && subjectNumber == null;
  }

  /**
   * The target as a tool with no store reads it, such as the {@code reply-check} command: any
   * {@code In-Reply-To}/{@code References} id or a tracking number in the subject counts as found,
   * any sender is allowed, and dates are read in the offset of the reply's {@code Date} header.
   * Dispatch ids are not looked up (no dispatch is known).
   *
   * @return the target to classify with; null when no header or subject matched
   */
  public @Nullable ReplyTarget resolveWithoutStore() {
    if (!messageIds.isEmpty()) {
      // No store to say which work order the id names: the subject may still tell its number.
      return ReplyTarget.unchecked(null, Correlation.IN_REPLY_TO);
    }
    if (subjectNumber != null) {
      return ReplyTarget.unchecked(subjectNumber, Correlation.SUBJECT);
    }
    return null;
  }
}
