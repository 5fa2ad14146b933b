package dev.dispatchkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The mail waiting to be sent, as one {@link StoreTransaction} sees it. */
public interface Outbox {

  /**
   * Queues a mail, due at {@code dueAt}. As with {@link WorkOrders#update}, a store may check a
   * taken id when it sends the write, later in the unit of work.
   *
   * @throws dev.dispatchkit.error.StoreException when its id is taken
   */
  void enqueue(OutboundMail mail, Instant dueAt);

  /**
   * Takes up to {@code max} pending mails due at {@code now} that no other instance holds, and
   * holds them for {@code lease}: until then no other claim returns them. Adapters lock the rows
   * they take without waiting for rows others hold ({@code FOR UPDATE SKIP LOCKED} or the dialect's
   * equivalent). Oldest due first.
   */
  List<OutboxEntry> claimDue(Instant now, Duration lease, int max);

  /** The mail was handed to the mail server: it leaves the outbox's pending mail. */
  void markSent(String outboxId, Instant at);

  /**
   * A send failed. With {@code nextAttemptAt} the mail stays pending until then; with null it is
   * blocked until {@link #release released}.
   */
  void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt);

  /** The outbox entry with this id, in any state. */
  Optional<OutboxEntry> find(String outboxId);

  /** Blocked mail, oldest first, at most {@code max}. */
  List<OutboxEntry> blocked(int max);

  /**
   * The outbox's counts in one query: pending mail (claimed or not, due or not), the earliest due
   * time among it, and blocked mail. Sent mail is not counted. For mail claimed right now an
   * adapter may report the end of its lease as its due time. Adapters answer it from the index on
   * state and due time, without reading the mails.
   */
  OutboxState state();

  /**
   * Makes a blocked mail pending again, due at {@code now}, with its attempts reset.
   *
   * @return false when no blocked mail has this id
   */
  boolean release(String outboxId, Instant now);
}
