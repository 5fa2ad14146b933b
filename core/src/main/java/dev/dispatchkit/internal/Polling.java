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
   * Polls a source once; acknowledges each message only after its transaction committed. Every mail
   * of the batch is closed at the end, handled or not, so that what the source holds for it (a big
   * message's spill file) never outlives the poll.
   */
  PollResult pollOnce(MailSource source, int max) {
    List<ReceivedMail> mails = source.poll(max);
    try {
      return handleAll(source, mails);
    } finally {
      closeAll(mails);
    }
  }

  private PollResult handleAll(MailSource source, List<ReceivedMail> mails) {
    List<PollResult.Item> items = new ArrayList<>();
    MessageBudget budget = new MessageBudget(listener);
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

  /**
   * Closes every mail of the batch, by index: a batch's iterator may end early (a stopping runner
   * leaves the rest waiting), and the mails it skips hold files too.
   */
  private static void closeAll(List<ReceivedMail> mails) {
    for (int i = 0; i < mails.size(); i++) {
      try {
        mails.get(i).close();
      } catch (RuntimeException e) {
        // One mail that cannot let go must not keep the others, nor hide the poll's outcome.
        LOG.warn("a received mail could not be closed: {}", e.toString());
      }
    }
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
