package dev.dispatchkit.spring.boot;

import dev.dispatchkit.mail.QuarantinedMessage;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The late links between beans that need each other: the kit's listener is built before the runner
 * and the metrics that decorate it (both need the kit), and the IMAP source's quarantine callback
 * before the metrics that count it.
 */
final class DispatchKitHooks {

  private volatile DispatchListener chain;
  private final List<Consumer<QuarantinedMessage>> quarantineHandlers =
      new CopyOnWriteArrayList<>();

  DispatchKitHooks(DispatchListener hostListener) {
    this.chain = Objects.requireNonNull(hostListener, "hostListener");
  }

  /** Wraps the current listener chain, such as in the runner's or the metrics' listener. */
  synchronized void decorate(UnaryOperator<DispatchListener> decorator) {
    chain = Objects.requireNonNull(decorator.apply(chain), "decorated listener");
  }

  /** Adds a handler told of each message the IMAP source sets aside. */
  void onQuarantine(Consumer<QuarantinedMessage> handler) {
    quarantineHandlers.add(handler);
  }

  /** The callback to give the IMAP source. */
  void quarantined(QuarantinedMessage message) {
    for (Consumer<QuarantinedMessage> handler : quarantineHandlers) {
      handler.accept(message);
    }
  }

  /** The listener to give the kit: it forwards to whatever the chain is when called. */
  DispatchListener listener() {
    return new DispatchListener() {
      @Override
      public void statusChanged(WorkOrder order, WorkOrderEvent event) {
        chain.statusChanged(order, event);
      }

      @Override
      public void reviewNeeded(InboxRecord record) {
        chain.reviewNeeded(record);
      }

      @Override
      public void responseOverdue(WorkOrder order) {
        chain.responseOverdue(order);
      }

      @Override
      public void late(WorkOrder order) {
        chain.late(order);
      }

      @Override
      public void dispatchUndelivered(WorkOrder order) {
        chain.dispatchUndelivered(order);
      }

      @Override
      public void messageTooCostly(String receipt, String why) {
        chain.messageTooCostly(receipt, why);
      }

      @Override
      public void mailBlocked(OutboxEntry entry) {
        chain.mailBlocked(entry);
      }

      @Override
      public void mailQueued() {
        chain.mailQueued();
      }
    };
  }
}
