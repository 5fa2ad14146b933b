package dev.dispatchkit.internal;

import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a mail source and hands each message to the inbound handler. */
final class Polling {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final InboundHandling inbound;
  private final QuietInbox quiet;

  Polling(InboundHandling inbound, QuietInbox quiet) {
    this.inbound = inbound;
    this.quiet = quiet;
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  int pollOnce(MailSource source, int max) {
    int handled = 0;
    List<ReceivedMail> mails = source.poll(max);
    if (mails.isEmpty()) {
      quietInbox();
    } else {
      quiet.received();
    }
    for (ReceivedMail mail : mails) {
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

  private void quietInbox() {
    try {
      quiet.empty();
    } catch (RuntimeException e) {
      // A failing check must not fail the poll: it only warns.
      LOG.debug("quiet-inbox check failed: {}", e.toString());
    }
  }
}
