package dev.dispatchkit.internal;

import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a mail source and hands each message to the inbound handler. */
final class Polling {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final InboundHandling inbound;
  private final DispatchListener listener;

  Polling(InboundHandling inbound, DispatchListener listener) {
    this.inbound = inbound;
    this.listener = listener;
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  int pollOnce(MailSource source, int max) {
    int handled = 0;
    MessageBudget budget = new MessageBudget(listener);
    for (ReceivedMail mail : source.poll(max)) {
      try {
        // Within its budget, or set aside as too costly (the source and listener told).
        if (!budget.handle(source, mail, m -> inbound.handle(m.message()))) {
          continue;
        }
      } catch (RuntimeException e) {
        LOG.warn("inbound message failed: {}", e.toString());
        source.failed(mail, e);
        continue;
      }
      source.acknowledge(mail);
      handled++;
    }
    return handled;
  }
}
