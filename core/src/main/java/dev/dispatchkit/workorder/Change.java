package dev.dispatchkit.workorder;

import java.util.Objects;

/**
 * What an accepted command produced: the work order after it, and the one timeline event that
 * records it. Store both in the same transaction.
 *
 * @param after the work order after the command; its version is the event's
 * @param event the timeline event
 */
public record Change(WorkOrder after, WorkOrderEvent event) {

  /**
   * @throws IllegalArgumentException if the event does not belong to the work order or its version
   *     is not the work order's
   */
  public Change {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(event, "event");
    if (!event.trackingNumber().equals(after.trackingNumber())
        || event.version() != after.version()) {
      throw new IllegalArgumentException(
          "event "
              + event.kind()
              + " v"
              + event.version()
              + " does not match "
              + after.trackingNumber()
              + " v"
              + after.version());
    }
  }
}
