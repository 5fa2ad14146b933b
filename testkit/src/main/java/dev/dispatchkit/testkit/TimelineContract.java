package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Timeline} port: every event type round-trips, and
 * timelines do not mix. An adapter's test extends this class and returns a new, empty store from
 * {@link #createStore()}; every test here must pass unchanged. {@link WorkOrderStoreContract} runs
 * this contract together with those of the other ports.
 */
public abstract class TimelineContract extends StoreContract {

  /** Every kind of event comes back equal and in order; the test covers every event type. */
  @Test
  protected void timelineRoundTripsEveryEventType() {
    WorkOrder order = Fixtures.workOrder().build();
    List<WorkOrderEvent> events = everyEventType(order);
    Set<Class<?>> covered = events.stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(covered)
        .as("the contract covers every WorkOrderEvent type")
        .containsExactlyInAnyOrder(WorkOrderEvent.class.getPermittedSubclasses());
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          events.forEach(e -> tx.timeline().append(order.key(), e));
          return null;
        });
    assertThat(readTimeline(order.key())).containsExactlyElementsOf(events);
  }

  /** Timelines of two work orders do not mix. */
  @Test
  protected void timelinesAreKeptApart() {
    WorkOrder a = Fixtures.workOrder().trackingNumber("100001").build();
    WorkOrder b = Fixtures.workOrder().trackingNumber("100002").build();
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(a);
          tx.workOrders().insert(b);
          tx.timeline().append(a.key(), dispatched(a));
          tx.timeline().append(b.key(), dispatched(b));
          tx.timeline().append(a.key(), new WorkOrderEvent.Accepted(a.trackingNumber(), 2, T0));
          return null;
        });
    assertThat(readTimeline(a.key())).hasSize(2);
    assertThat(readTimeline(b.key())).containsExactly(dispatched(b));
  }
}
