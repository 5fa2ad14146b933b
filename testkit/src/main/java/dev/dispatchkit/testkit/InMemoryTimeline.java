package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.Timeline;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The timelines of an {@link InMemoryTransaction}. */
final class InMemoryTimeline implements Timeline {
  private final InMemoryTransaction tx;

  InMemoryTimeline(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void append(WorkOrderKey key, WorkOrderEvent event) {
    InMemoryState s = tx.state();
    Objects.requireNonNull(event, "event");
    List<WorkOrderEvent> next = new ArrayList<>(s.timelines.getOrDefault(key, List.of()));
    next.add(event);
    s.timelines.put(key, List.copyOf(next));
  }

  @Override
  public List<WorkOrderEvent> events(WorkOrderKey key) {
    InMemoryState s = tx.state();
    return s.timelines.getOrDefault(key, List.of());
  }
}
