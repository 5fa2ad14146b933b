package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.TrackingNumber;
import java.util.Optional;

/** {@link ReplyContext#withoutStore()}: everything that looks like a match is one. */
enum NoStoreContext implements ReplyContext {
  INSTANCE;

  @Override
  public Optional<ReplyTarget> findByDispatchId(long dispatchId) {
    return Optional.empty();
  }

  @Override
  public Optional<ReplyTarget> findByMessageId(String messageId) {
    return messageId.isBlank() ? Optional.empty() : Optional.of(ReplyTarget.unchecked(null));
  }

  @Override
  public Optional<ReplyTarget> findByTrackingNumber(TrackingNumber trackingNumber) {
    return Optional.of(ReplyTarget.unchecked(trackingNumber));
  }
}
