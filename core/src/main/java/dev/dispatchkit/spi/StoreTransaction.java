package dev.dispatchkit.spi;

import dev.dispatchkit.OutboxState;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The operations of one unit of work of a {@link WorkOrderStore}. Nothing is visible to other
 * transactions before commit, and nothing remains after a rollback.
 *
 * <p>The testkit's contract tests pin down every method; an adapter that passes them behaves like
 * the in-memory store.
 */
public interface StoreTransaction {

  // --- work orders -------------------------------------------------------------------------------

  /** The work order with this key. */
  Optional<WorkOrder> find(WorkOrderKey key);

  /** Every subscriber's work order with this tracking number, ordered by subscriber. */
  List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber);

  /**
   * Adds a new work order.
   *
   * @throws dev.dispatchkit.DuplicateWorkOrderException when its key is taken
   */
  void insert(WorkOrder order);

  /**
   * Replaces a work order, provided the stored one is still at {@code expectedVersion}.
   *
   * @throws dev.dispatchkit.ConcurrentUpdateException when the stored version differs, or the work
   *     order does not exist
   */
  void update(WorkOrder order, long expectedVersion);

  /** A page of the work orders that match {@code query}, in its order. */
  WorkOrderPage list(WorkOrderQuery query);

  // --- timeline ----------------------------------------------------------------------------------

  /** Appends an event to a work order's timeline. */
  void append(WorkOrderKey key, WorkOrderEvent event);

  /** A work order's timeline, oldest first; equal to the events appended. */
  List<WorkOrderEvent> timeline(WorkOrderKey key);

  // --- dispatches --------------------------------------------------------------------------------

  /**
   * Records a dispatch email.
   *
   * @throws dev.dispatchkit.StoreException when its id or message id is taken
   */
  void recordDispatch(DispatchRecord dispatch);

  /** The dispatch with this id, as its reply token names it. */
  Optional<DispatchRecord> dispatch(long dispatchId);

  /** The dispatch whose email had this Message-ID (without angle brackets). */
  Optional<DispatchRecord> dispatchByMessageId(String messageId);

  // --- inbox -------------------------------------------------------------------------------------

  /**
   * Records an inbound message as handled, unless a message with the same {@link
   * InboxRecord#dedupKey()} was recorded before: that is how a message is applied at most once,
   * also across instances.
   *
   * @return true when recorded now; false when it was already there (nothing changes)
   */
  boolean recordInbound(InboxRecord record);

  /** The inbound message recorded with this key. */
  Optional<InboxRecord> inbound(String dedupKey);

  /** Inbound messages still marked for review by a person, oldest first, at most {@code max}. */
  List<InboxRecord> needingReview(int max);

  // --- outbox ------------------------------------------------------------------------------------

  /**
   * Queues a mail, due at {@code dueAt}.
   *
   * @throws dev.dispatchkit.StoreException when its id is taken
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
  Optional<OutboxEntry> outboxEntry(String outboxId);

  /** Blocked mail, oldest first, at most {@code max}. */
  List<OutboxEntry> blocked(int max);

  /**
   * The outbox's counts in one query: pending mail (claimed or not, due or not), the earliest due
   * time among it, and blocked mail. Sent mail is not counted. For mail claimed right now an
   * adapter may report the end of its lease as its due time. Adapters answer it from the index on
   * state and due time, without reading the mails.
   */
  OutboxState outboxState();

  /**
   * Makes a blocked mail pending again, due at {@code now}, with its attempts reset.
   *
   * @return false when no blocked mail has this id
   */
  boolean release(String outboxId, Instant now);

  // --- dispatch preferences ----------------------------------------------------------------------

  /** Where and how a subscriber dispatches to a provider. */
  Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider);

  /** Adds or replaces a preference. */
  void savePreference(DispatchPreference preference);

  // --- once-only marks ---------------------------------------------------------------------------

  /**
   * Records that something happened once, such as a rate-limited notice to an address on a day, or
   * the late event of a work order's expected date.
   *
   * @param scope what kind of mark, such as {@code notice:clarification}
   * @param key what it is about, such as {@code provider@example.com/2026-03-02}
   * @return true when recorded now; false when the same scope and key were recorded before
   */
  boolean markOnce(String scope, String key, Instant at);
}
