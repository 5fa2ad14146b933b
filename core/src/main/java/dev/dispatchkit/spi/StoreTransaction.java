package dev.dispatchkit.spi;

/**
 * The operations of one unit of work of a {@link WorkOrderStore}. Nothing is visible to other
 * transactions before commit, and nothing remains after a rollback.
 *
 * <p>The operations are grouped by role, one port per kind of record; all of them act on this one
 * transaction. The testkit's contract tests pin down every method, one contract per port; an
 * adapter that passes them behaves like the in-memory store.
 */
public interface StoreTransaction {

  /** The work orders. */
  WorkOrders workOrders();

  /** The work orders' timelines. */
  Timeline timeline();

  /** The dispatch emails sent. */
  Dispatches dispatches();

  /** The inbound messages already handled. */
  Inbox inbox();

  /** The mail waiting to be sent. */
  Outbox outbox();

  /** The dispatch preferences. */
  Preferences preferences();

  /** The once-only marks. */
  OnceMarks onceMarks();
}
