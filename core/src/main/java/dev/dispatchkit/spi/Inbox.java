package dev.dispatchkit.spi;

import dev.dispatchkit.error.DuplicateMessageException;
import dev.dispatchkit.workorder.SubscriberId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The inbound messages already handled, as one {@link StoreTransaction} sees them. */
public interface Inbox {

  /**
   * Records an inbound message as handled, unless a message with the same {@link
   * InboxRecord#dedupKey()} was recorded before: that is how a message is applied at most once,
   * also across instances. The subject and text are stored as the record holds them (already cut at
   * {@link InboxRecord#MAX_SUBJECT} and {@link InboxRecord#MAX_TEXT}).
   *
   * @return true when recorded now; false when it was already there (nothing changes)
   */
  boolean record(InboxRecord record);

  /**
   * Records an inbound message like {@link #record}, for a unit of work that records it last and
   * has nothing else to do when it was recorded before: a duplicate fails the unit of work with
   * {@link DuplicateMessageException}, from this call or at the latest from {@code inTransaction},
   * and nothing of the unit is kept. A store may therefore send the record with the unit's other
   * last writes, and its commit (the JDBC store does on PostgreSQL). Calls on this transaction
   * after it see the record.
   *
   * <p>By default it records at once, and throws at once for a duplicate.
   *
   * @throws DuplicateMessageException when a message with the same key was recorded before
   */
  default void recordLast(InboxRecord record) {
    if (!record(record)) {
      throw new DuplicateMessageException(record.dedupKey());
    }
  }

  /** The inbound message recorded with this key, reviewed or not. */
  Optional<InboxRecord> find(String dedupKey);

  /**
   * Inbound messages still marked for review by a person, oldest first (by {@link
   * InboxRecord#receivedAt()}, then in the order recorded), at most {@code max}; none for {@code
   * max < 1}. A record {@link #markReviewed} resolved is no longer listed.
   */
  List<InboxRecord> needingReview(int max);

  /**
   * Like {@link #needingReview(int)}, but only the messages about a work order of this subscriber;
   * messages that answer no known work order are never listed here.
   */
  List<InboxRecord> needingReview(SubscriberId subscriber, int max);

  /**
   * Marks a message that needs review as resolved by a person: it no longer needs review, and keeps
   * {@code outcome} and {@code at} as {@link InboxRecord#reviewOutcome()} and {@link
   * InboxRecord#reviewedAt()}. This is a compare-and-set on the stored row: of two transactions
   * (also of two instances) marking the same message, exactly one gets true; the other waits for
   * the first to end where the database locks, and gets false once it committed.
   *
   * @param outcome what the person decided, at most 32 characters, such as {@code ACCEPT}
   * @return true when marked now; false when no record with this key needs review (unknown, already
   *     reviewed, or never flagged): nothing changes
   */
  boolean markReviewed(String dedupKey, String outcome, Instant at);
}
