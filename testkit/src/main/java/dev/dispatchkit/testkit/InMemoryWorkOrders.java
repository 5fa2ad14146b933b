package dev.dispatchkit.testkit;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DuplicateWorkOrderException;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.WorkOrders;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The work orders of an {@link InMemoryTransaction}. */
final class InMemoryWorkOrders implements WorkOrders {
  private final InMemoryTransaction tx;

  InMemoryWorkOrders(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Optional<WorkOrder> find(WorkOrderKey key) {
    InMemoryState s = tx.state();
    return Optional.ofNullable(s.orders.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber) {
    InMemoryState s = tx.state();
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    return s.orders.values().stream()
        .filter(o -> o.trackingNumber().equals(trackingNumber))
        .sorted(Comparator.comparing(o -> o.subscriber().value()))
        .toList();
  }

  @Override
  public void insert(WorkOrder order) {
    InMemoryState s = tx.state();
    if (s.orders.containsKey(order.key())) {
      throw new DuplicateWorkOrderException(order.key());
    }
    s.orders.put(order.key(), order);
  }

  @Override
  public void update(WorkOrder order, long expectedVersion) {
    InMemoryState s = tx.state();
    WorkOrder stored = s.orders.get(order.key());
    if (stored == null || stored.version() != expectedVersion) {
      throw new ConcurrentUpdateException(order.key(), expectedVersion);
    }
    s.orders.put(order.key(), order);
  }

  @Override
  public WorkOrderPage list(WorkOrderQuery query) {
    InMemoryState s = tx.state();
    Comparator<WorkOrderQuery.After> byDate =
        Comparator.comparing(WorkOrderQuery.After::expectedDate);
    if (query.sort() == WorkOrderQuery.Sort.EXPECTED_DATE_DESC) {
      byDate = byDate.reversed();
    }
    Comparator<WorkOrderQuery.After> position =
        byDate
            .thenComparing(p -> p.subscriber().value())
            .thenComparing(p -> p.trackingNumber().value());
    Comparator<WorkOrder> order = Comparator.comparing(WorkOrderQuery.After::of, position);
    WorkOrderQuery.After after = query.after();
    List<WorkOrder> filtered = s.orders.values().stream().filter(o -> matches(o, query)).toList();
    // The total counts the matches up to the query's cap, as the JDBC store does; the cursor only
    // picks the page.
    List<WorkOrder> matching =
        filtered.stream()
            .filter(o -> after == null || position.compare(WorkOrderQuery.After.of(o), after) > 0)
            .sorted(order)
            .toList();
    int from = (int) Math.min(matching.size(), (long) query.offset());
    int to = (int) Math.min(matching.size(), (long) from + query.limit());
    return WorkOrderPage.counted(matching.subList(from, to), filtered.size(), query);
  }

  private static boolean matches(WorkOrder o, WorkOrderQuery q) {
    if (q.subscriber() != null && !q.subscriber().equals(o.subscriber())) {
      return false;
    }
    if (q.provider() != null && !q.provider().equals(o.provider())) {
      return false;
    }
    if (q.siteName() != null && !q.siteName().equals(o.site().name())) {
      return false;
    }
    if (!q.priorities().isEmpty() && !q.priorities().contains(o.priority())) {
      return false;
    }
    if (!q.primaryStatuses().isEmpty() && !q.primaryStatuses().contains(o.status().primary())) {
      return false;
    }
    if (!q.extendedStatuses().isEmpty() && !q.extendedStatuses().contains(o.status().extended())) {
      return false;
    }
    if (q.flags().isEmpty()) {
      return true;
    }
    WorkOrderFlags flags = q.policies().flags(DispatchState.of(o), q.asOf());
    for (WorkOrderQuery.Flag flag : q.flags()) {
      boolean has =
          switch (flag) {
            case LATE -> flags.late();
            case RESPONSE_OVERDUE -> flags.responseOverdue();
            case REASSIGNABLE -> flags.reassignable();
            case RESCHEDULED_TOO_OFTEN -> flags.rescheduledTooOften();
            case UNDELIVERED -> flags.undelivered();
          };
      if (!has) {
        return false;
      }
    }
    return true;
  }
}
