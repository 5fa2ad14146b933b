package dev.dispatchkit.internal;

import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a mail source and hands each message to the inbound handler. */
final class Polling {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final InboundHandling inbound;

  Polling(InboundHandling inbound) {
    this.inbound = inbound;
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  int pollOnce(MailSource source, int max) {
    int handled = 0;
    for (ReceivedMail mail : source.poll(max)) {
      try {
        inbound.handle(mail.message());
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
