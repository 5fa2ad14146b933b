package dev.dispatchkit.internal;

import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What a committed use case tells the listener, collected while its transaction runs. */
final class Committed {
  final List<WorkOrderEvent> events = new ArrayList<>();
  final Set<String> linked = new HashSet<>();

  /** Whether the transaction queued mail: the relay may send it at once. */
  boolean mailQueued;

  @Nullable WorkOrder order;
  @Nullable InboxRecord review;
  @Nullable WorkOrder undelivered;
  InboundResult result = new InboundResult(InboundResult.Outcome.REVIEW, null, null);

  /** The proposed date an inbound reply applied. */
  @Nullable ExpectedDate appliedDate;

  /** Why a date an inbound reply proposed was not applied, as a reason code. */
  @Nullable String dateNotApplied;

  WorkOrder order() {
    return Objects.requireNonNull(order, "order");
  }

  /** Tells the listener, once the transaction committed. */
  void tell(Settings s) {
    if (order != null) {
      for (WorkOrderEvent e : events) {
        UnitOfWork.safely(() -> s.listener().statusChanged(order, e));
      }
    }
    if (undelivered != null) {
      WorkOrder u = undelivered;
      UnitOfWork.safely(() -> s.listener().dispatchUndelivered(u));
    }
    if (review != null) {
      InboxRecord r = review;
      UnitOfWork.safely(() -> s.listener().reviewNeeded(r));
    }
    if (mailQueued) {
      UnitOfWork.safely(() -> s.listener().mailQueued());
    }
  }
}
