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

  /**
   * Polls a source once; acknowledges each message only after its transaction committed. Each
   * message is handled as the source hands it over, so a source that reads in batches never holds
   * the whole poll, and each is closed once handled, whatever happened to it, so that what the
   * source holds for it (a big message's spill file) never outlives its turn.
   */
  PollResult pollOnce(MailSource source, int max) {
    List<PollResult.Item> items = new ArrayList<>();
    MessageBudget budget = new MessageBudget(listener);
    int polled =
        source.poll(
            max,
            mail -> {
              try {
                if (items.isEmpty()) {
                  quiet.received();
                }
                items.add(handle(source, budget, mail));
              } finally {
                close(mail);
              }
            });
    if (polled == 0) {
      quietInbox();
    }
    return new PollResult(items);
  }

  private static void close(ReceivedMail mail) {
    try {
      mail.close();
    } catch (RuntimeException e) {
      // One mail that cannot let go must not keep the others, nor hide the poll's outcome.
      LOG.warn("a received mail could not be closed: {}", e.toString());
    }
  }

  private PollResult.Item handle(MailSource source, MessageBudget budget, ReceivedMail mail) {
    InboundResult[] result = new InboundResult[1];
    try {
      // Within its budget, or set aside as too costly (the source and listener told).
      if (!budget.handle(source, mail, m -> result[0] = inbound.handle(m.message()))) {
        return new PollResult.Item(mail.message().messageId(), null, "set aside as too costly");
      }
    } catch (RuntimeException e) {
      LOG.warn("inbound message failed: {}", e.toString());
      source.failed(mail, e);
      return PollResult.Item.failed(mail.message().messageId(), e);
    }
    source.acknowledge(mail);
    return PollResult.Item.handled(mail.message().messageId(), result[0]);
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
