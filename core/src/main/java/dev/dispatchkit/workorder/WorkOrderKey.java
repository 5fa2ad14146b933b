package dev.dispatchkit.workorder;

import java.util.Objects;

/**
 * What identifies a work order: tracking numbers are unique per subscriber, not across them.
 *
 * @param subscriber the client the work order belongs to
 * @param trackingNumber its tracking number
 */
public record WorkOrderKey(SubscriberId subscriber, TrackingNumber trackingNumber) {
  /** Both parts are required. */
  public WorkOrderKey {
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(trackingNumber, "trackingNumber");
  }

  @Override
  public String toString() {
    return subscriber.value() + "/" + trackingNumber.value();
  }
}
