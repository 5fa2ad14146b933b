package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;

/**
 * What DispatchKit tells the host after a change committed: to refresh a screen, page a person, or
 * feed its own audit. Called on the thread that ran the use case; an exception thrown here is
 * logged and ignored, since the change is already committed. Every method does nothing by default.
 */
public interface DispatchListener {

  /** A listener that does nothing. */
  DispatchListener NONE = new DispatchListener() {};

  /**
   * An inbound message was set aside unhandled because it was too costly: past its per-message
   * budget, or it ran out of memory or stack while read. Nothing was applied; a person should look
   * at it in the source (for IMAP, its quarantine folder).
   *
   * @param receipt the source's receipt of the message
   * @param why what was too costly, in one line
   */
  default void messageTooCostly(String receipt, String why) {}

  /**
   * A work order changed.
   *
   * @param order the work order after the change
   * @param event the event that records it
   */
  default void statusChanged(WorkOrder order, WorkOrderEvent event) {}

  /**
   * An inbound message needs a person: unclear, from an unexpected sender, or failing DMARC.
   *
   * @param record the inbox record
   */
  default void reviewNeeded(InboxRecord record) {}

  /**
   * A work order is still open past its response deadline; told once per dispatch.
   *
   * @param order the work order
   */
  default void responseOverdue(WorkOrder order) {}

  /**
   * A work order's expected date passed with nobody on site; told once per expected date.
   *
   * @param order the work order
   */
  default void late(WorkOrder order) {}

  /**
   * A service request bounced: the work order is marked undelivered and is reassignable until it is
   * reassigned or answered. Told once per service request.
   *
   * @param order the work order, marked undelivered
   */
  default void dispatchUndelivered(WorkOrder order) {}

  /**
   * A mail failed too often, or permanently, and waits for a person to release it.
   *
   * @param entry the blocked outbox entry
   */
  default void mailBlocked(OutboxEntry entry) {}

  /**
   * A committed use case queued mail in the outbox (a dispatch, a command, a handled reply, a
   * sweep's reassignment): a relay may send it now instead of at its next tick. Called once per use
   * case, after the other calls for it.
   */
  default void mailQueued() {}
}
