package dev.dispatchkit.internal;

import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.OutboxState;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only questions about work orders, each in its own transaction. The work-order reads go to
 * {@link dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction} (a replica may serve them); the
 * preference and the outbox state stay on the primary: the first is read to be edited, the second
 * to judge whether the relay keeps up.
 */
final class Queries {

  private final Settings s;
  private final UnitOfWork work;

  Queries(Settings settings, UnitOfWork work) {
    this.s = settings;
    this.work = work;
  }

  /** The work order with this key. */
  Optional<WorkOrder> find(WorkOrderKey key) {
    return s.store().inReadOnlyTransaction(tx -> tx.workOrders().find(key));
  }

  /** A subscriber's dispatch preference for a provider. */
  Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider) {
    return s.store().inTransaction(tx -> tx.preferences().find(subscriber, provider));
  }

  /** Every subscriber's work order with this number. */
  List<WorkOrder> findByTrackingNumber(TrackingNumber tn) {
    return s.store().inReadOnlyTransaction(tx -> tx.workOrders().findByTrackingNumber(tn));
  }

  /** A page of work orders. */
  WorkOrderPage list(WorkOrderQuery query) {
    return s.store().inReadOnlyTransaction(tx -> tx.workOrders().list(query));
  }

  /** A work order's timeline. */
  List<WorkOrderEvent> timeline(WorkOrderKey key) {
    return s.store().inReadOnlyTransaction(tx -> tx.timeline().events(key));
  }

  /** The flags now. */
  Optional<WorkOrderFlags> flags(WorkOrderKey key) {
    Instant at = work.now();
    return find(key).map(o -> s.policies().flags(DispatchState.of(o), at));
  }

  /** The outbox's counts now, in one store query. */
  OutboxState outboxState() {
    return s.store().inTransaction(tx -> tx.outbox().state());
  }
}
