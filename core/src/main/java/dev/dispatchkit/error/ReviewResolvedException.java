package dev.dispatchkit.error;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The review item was resolved already, by this instance or another: resolving it again changes
 * nothing. {@code DispatchKit.resolveReview} throws it so that a decision is applied exactly once,
 * also when two people (or two instances) resolve the same item at the same time; the one that
 * loses gets this exception and its transaction is rolled back.
 */
public final class ReviewResolvedException extends DispatchKitException {

  private final String itemId;
  private final @Nullable String decision;
  private final @Nullable Instant resolvedAt;

  /**
   * @param itemId the review item (its inbox dedup key)
   * @param decision the decision recorded first, such as {@code ACCEPT}; null when not known (the
   *     other resolution had not committed when this one lost)
   * @param resolvedAt when it was recorded; null when not known
   */
  public ReviewResolvedException(
      String itemId, @Nullable String decision, @Nullable Instant resolvedAt) {
    super(
        "review item "
            + Objects.requireNonNull(itemId, "itemId")
            + " is resolved already"
            + (decision == null ? "" : " (" + decision + ")"));
    this.itemId = itemId;
    this.decision = decision;
    this.resolvedAt = resolvedAt;
  }

  /** The review item (its inbox dedup key). */
  public String itemId() {
    return itemId;
  }

  /** The decision recorded first, such as {@code ACCEPT}; null when not known. */
  public @Nullable String decision() {
    return decision;
  }

  /** When the first decision was recorded; null when not known. */
  public @Nullable Instant resolvedAt() {
    return resolvedAt;
  }
}
