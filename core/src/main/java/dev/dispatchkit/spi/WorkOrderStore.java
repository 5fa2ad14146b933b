package dev.dispatchkit.spi;

import java.util.function.Function;

/**
 * Where work orders and everything that goes with them are kept: their timeline, the inbox of
 * messages already applied, the outbox of mail to send, dispatch records and preferences.
 *
 * <p>Every use case runs in one {@link #inTransaction unit of work}: the state change, its timeline
 * event, the inbox record of the message that caused it and any outbound mail commit together or
 * not at all. Implementations are thread-safe, and several instances (processes) may share one
 * store: the unique constraints and optimistic versions described on its ports ({@link WorkOrders},
 * {@link Inbox}, {@link Outbox}) are what keep them from applying anything twice.
 */
public interface WorkOrderStore {

  /**
   * Runs {@code work} in one transaction. It commits when {@code work} returns and rolls back when
   * it throws; the exception then propagates unchanged (a storage failure as a {@link
   * dev.dispatchkit.error.StoreException}).
   *
   * @param work what to do; must not keep the transaction beyond its return
   * @return what {@code work} returned
   */
  <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work);

  /**
   * Runs {@code work}, which only reads and whose answer decides no write, in one transaction that
   * the store may serve from a read replica: what it reads is consistent within the transaction,
   * but may be older than the latest commit by the replica's lag, so a unit of work that writes, or
   * a read whose answer leads to a write, must use {@link #inTransaction} instead. DispatchKit runs
   * here only the reads it hands to the host: {@code find}, {@code findByTrackingNumber}, {@code
   * list}, {@code timeline}, {@code allowedCommands} and {@code flags}.
   *
   * <p>By default it is {@link #inTransaction}: a store without a replica serves it from the
   * primary.
   *
   * @param work what to read; must not write, nor keep the transaction beyond its return
   * @return what {@code work} returned
   */
  default <T> T inReadOnlyTransaction(Function<? super StoreTransaction, ? extends T> work) {
    return inTransaction(work);
  }
}
