package dev.dispatchkit.spi;

import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.List;
import java.util.Optional;

/** The work orders of one {@link StoreTransaction}. */
public interface WorkOrders {

  /** The work order with this key. */
  Optional<WorkOrder> find(WorkOrderKey key);

  /** Every subscriber's work order with this tracking number, ordered by subscriber. */
  List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber);

  /**
   * Adds a new work order.
   *
   * @throws dev.dispatchkit.error.DuplicateWorkOrderException when its key is taken
   */
  void insert(WorkOrder order);

  /**
   * Replaces a work order, provided the stored one is still at {@code expectedVersion}. A store may
   * hold the write back and send it with later ones (the JDBC store does): the check then fails at
   * the transaction's next call or, at the latest, from {@link WorkOrderStore#inTransaction}, which
   * rolls the whole unit of work back either way.
   *
   * @throws dev.dispatchkit.error.ConcurrentUpdateException when the stored version differs, or the
   *     work order does not exist
   */
  void update(WorkOrder order, long expectedVersion);

  /** A page of the work orders that match {@code query}, in its order. */
  WorkOrderPage list(WorkOrderQuery query);

  /**
   * The work orders of {@link #list}'s page, without counting every match: what a scan that pages
   * on by {@link WorkOrderQuery#after()} needs, since the count costs as much as reading every
   * match. By default the items of {@link #list}; a store should override it to skip the count.
   */
  default List<WorkOrder> listItems(WorkOrderQuery query) {
    return list(query).items();
  }
}
