package dev.dispatchkit.error;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * No work order has this key, or no review item has this id: thrown by every facade command that
 * needs an existing work order, and by {@code DispatchKit.resolveReview} for an id that names no
 * inbound message waiting for review. The queries answer an empty {@code Optional} instead.
 */
public final class NotFoundException extends DispatchKitException {

  private final @Nullable WorkOrderKey key;
  private final @Nullable String reviewItemId;

  /**
   * @param key the key that names no work order
   */
  public NotFoundException(WorkOrderKey key) {
    super("no work order " + Objects.requireNonNull(key, "key"));
    this.key = key;
    this.reviewItemId = null;
  }

  private NotFoundException(String reviewItemId, String message) {
    super(message);
    this.key = null;
    this.reviewItemId = reviewItemId;
  }

  /**
   * No inbound message with this id waits for review: none was recorded with it, or it never needed
   * a person.
   *
   * @param reviewItemId the id (an inbox dedup key)
   */
  public static NotFoundException reviewItem(String reviewItemId) {
    return new NotFoundException(
        Objects.requireNonNull(reviewItemId, "reviewItemId"), "no review item " + reviewItemId);
  }

  /** The key that names no work order; null when it is a review item that was not found. */
  public @Nullable WorkOrderKey key() {
    return key;
  }

  /** The review item id that names nothing; null when it is a work order that was not found. */
  public @Nullable String reviewItemId() {
    return reviewItemId;
  }
}
