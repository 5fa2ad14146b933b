package dev.dispatchkit.reply;

/**
 * What a person decided about a {@link ReviewItem}, passed to {@code
 * DispatchKit.resolveReview(String, ReviewDecision, String)}.
 */
public enum ReviewDecision {
  /**
   * The reply accepts: the work order is accepted as the provider's answer (OPEN becomes
   * IN_PROGRESS/DISPATCH_CONFIRMED), with a note that a person decided from the reply.
   */
  ACCEPT,
  /**
   * The reply declines: the work order is declined as the provider's answer (OPEN becomes
   * OPEN/DECLINED), the person's note as the decline text.
   */
  DECLINE,
  /** Nothing to do: the item leaves the queue and no work order changes. */
  IGNORE
}
