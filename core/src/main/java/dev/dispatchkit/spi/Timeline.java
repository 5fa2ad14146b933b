package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.List;

/** The work orders' timelines of one {@link StoreTransaction}. */
public interface Timeline {

  /** Appends an event to a work order's timeline. */
  void append(WorkOrderKey key, WorkOrderEvent event);

  /** A work order's timeline, oldest first; equal to the events appended. */
  List<WorkOrderEvent> events(WorkOrderKey key);
}
