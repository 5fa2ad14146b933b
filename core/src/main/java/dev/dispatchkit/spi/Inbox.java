package dev.dispatchkit.spi;

import java.util.List;
import java.util.Optional;

/** The inbound messages already handled, as one {@link StoreTransaction} sees them. */
public interface Inbox {

  /**
   * Records an inbound message as handled, unless a message with the same {@link
   * InboxRecord#dedupKey()} was recorded before: that is how a message is applied at most once,
   * also across instances.
   *
   * @return true when recorded now; false when it was already there (nothing changes)
   */
  boolean record(InboxRecord record);

  /** The inbound message recorded with this key. */
  Optional<InboxRecord> find(String dedupKey);

  /** Inbound messages still marked for review by a person, oldest first, at most {@code max}. */
  List<InboxRecord> needingReview(int max);
}
