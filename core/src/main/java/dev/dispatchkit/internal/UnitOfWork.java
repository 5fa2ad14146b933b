package dev.dispatchkit.internal;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What every use case shares: its transaction, retried after a concurrent update, and its log. */
final class UnitOfWork {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");
  private static final String MDC_KEY = "dispatchkit.tracking";
  private static final int RETRIES = 5;

  private final Settings s;

  UnitOfWork(Settings settings) {
    this.s = Objects.requireNonNull(settings, "settings");
  }

  /** The time by the configured clock. */
  Instant now() {
    return s.clock().instant();
  }

  /** Runs a use case in one transaction, again from the start after a concurrent update. */
  <T> T retrying(Function<StoreTransaction, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return s.store().inTransaction(work);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= RETRIES) {
          throw e;
        }
        LOG.debug("concurrent update of {}, retrying ({})", e.key(), attempt);
      }
    }
  }

  /** Puts the tracking number in the log context until closed. */
  static MDC.MDCCloseable mdc(TrackingNumber tn) {
    return MDC.putCloseable(MDC_KEY, tn.value());
  }

  /** Applies one command inside the transaction and records its event for the listener. */
  static WorkOrder apply(
      StoreTransaction tx, WorkOrder order, WorkOrderCommand command, Instant at, Committed c) {
    Change change = order.handle(command, at);
    tx.workOrders().update(change.after(), order.version());
    tx.timeline().append(order.key(), change.event());
    c.events.add(change.event());
    c.order = change.after();
    return change.after();
  }

  /** Calls the host's listener; its failure must not undo what is committed. */
  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("listener failed: {}", e.toString());
    }
  }
}
