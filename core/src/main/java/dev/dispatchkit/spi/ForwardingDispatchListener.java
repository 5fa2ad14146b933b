package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;

/**
 * A listener that hands every call to another, for wrappers that count, log or wake something and
 * then pass the call on. Override what the wrapper adds to and call {@code super}; a method added
 * to {@link DispatchListener} later is forwarded here, so no wrapper drops it for the host's
 * listener.
 *
 * <pre>{@code
 * DispatchListener counting =
 *     new ForwardingDispatchListener() {
 *       protected DispatchListener delegate() {
 *         return hostListener;
 *       }
 *
 *       public void late(WorkOrder order) {
 *         lateCount.incrementAndGet();
 *         super.late(order);
 *       }
 *     };
 * }</pre>
 */
public abstract class ForwardingDispatchListener implements DispatchListener {

  /** For subclasses. */
  protected ForwardingDispatchListener() {}

  /** The listener every call goes to; asked at each call, so it may change. */
  protected abstract DispatchListener delegate();

  @Override
  public void messageTooCostly(String receipt, String why) {
    delegate().messageTooCostly(receipt, why);
  }

  @Override
  public void statusChanged(WorkOrder order, WorkOrderEvent event) {
    delegate().statusChanged(order, event);
  }

  @Override
  public void reviewNeeded(InboxRecord record) {
    delegate().reviewNeeded(record);
  }

  @Override
  public void responseOverdue(WorkOrder order) {
    delegate().responseOverdue(order);
  }

  @Override
  public void late(WorkOrder order) {
    delegate().late(order);
  }

  @Override
  public void dispatchUndelivered(WorkOrder order) {
    delegate().dispatchUndelivered(order);
  }

  @Override
  public void mailBlocked(OutboxEntry entry) {
    delegate().mailBlocked(entry);
  }

  @Override
  public void mailQueued() {
    delegate().mailQueued();
  }
}
