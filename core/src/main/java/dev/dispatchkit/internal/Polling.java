package dev.dispatchkit.internal;

import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a mail source and hands each message to the inbound handler. */
final class Polling {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final InboundHandling inbound;
  private final DispatchListener listener;
  private final QuietInbox quiet;

  Polling(InboundHandling inbound, DispatchListener listener, QuietInbox quiet) {
    this.inbound = inbound;
    this.listener = listener;
    this.quiet = quiet;
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  PollResult pollOnce(MailSource source, int max) {
    List<PollResult.Item> items = new ArrayList<>();
    MessageBudget budget = new MessageBudget(listener);
    List<ReceivedMail> mails = source.poll(max);
    if (mails.isEmpty()) {
      quietInbox();
    } else {
      quiet.received();
    }
    for (ReceivedMail mail : mails) {
      InboundResult[] result = new InboundResult[1];
      try {
        // Within its budget, or set aside as too costly (the source and listener told).
        if (!budget.handle(source, mail, m -> result[0] = inbound.handle(m.message()))) {
          items.add(
              new PollResult.Item(mail.message().messageId(), null, "set aside as too costly"));
          continue;
        }
      } catch (RuntimeException e) {
        LOG.warn("inbound message failed: {}", e.toString());
        source.failed(mail, e);
        items.add(PollResult.Item.failed(mail.message().messageId(), e));
        continue;
      }
      source.acknowledge(mail);
      items.add(PollResult.Item.handled(mail.message().messageId(), result[0]));
    }
    return new PollResult(items);
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
