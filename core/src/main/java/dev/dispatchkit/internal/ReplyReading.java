package dev.dispatchkit.internal;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.spi.StoreTransaction;
import org.jspecify.annotations.Nullable;

/**
 * A message read against the store: correlated, looked up, then classified.
 *
 * @param decision what the message means
 * @param found the work order it answers; null when none was found and for machine mail
 */
record ReplyReading(ReplyDecision decision, @Nullable FoundOrder found) {

  /** Reads a message inside the transaction; writes nothing. */
  static ReplyReading read(
      StoreTransaction tx, ReplyClassifier classifier, InboundMessage message) {
    FoundOrder found = FoundOrder.lookUp(tx, classifier.correlate(message));
    ReplyDecision decision = classifier.classify(message, found == null ? null : found.target());
    // Machine mail is decided before the work order counts: it answers none, as the inbox shows.
    boolean machine = decision.intent() == Intent.BOUNCE || decision.intent() == Intent.AUTO_REPLY;
    return new ReplyReading(decision, machine ? null : found);
  }
}
