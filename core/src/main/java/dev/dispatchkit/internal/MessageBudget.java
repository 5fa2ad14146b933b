package dev.dispatchkit.internal;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.MailHeaders;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work budget of one inbound message in {@code pollOnce}. Every step from bytes to decision is
 * linear and capped (bodies at {@code ReplyClassifier.MAX_BODY_CHARS}), so what is left to bound is
 * what the caps do not cover, counted rather than timed so that the same message always gets the
 * same answer: the header section, and the number of attachments. A message past the budget, or
 * whose handling runs out of memory or stack, is set aside as too costly: the source is told
 * ({@link MailSource#tooCostly}) and so is the host ({@link DispatchListener#messageTooCostly}),
 * and the poll goes on with the next message.
 */
final class MessageBudget {

  private static final Logger LOG = LoggerFactory.getLogger(MessageBudget.class);

  /** The most characters of header fields, names and values together, one message may carry. */
  static final long MAX_HEADER_CHARS = 1_000_000;

  /** The most attachments one message may list. */
  static final int MAX_ATTACHMENTS = 1_000;

  private final DispatchListener listener;

  MessageBudget(DispatchListener listener) {
    this.listener = listener;
  }

  /** Why the message is past its budget, or null when it is within. */
  static @Nullable String overBudget(InboundMessage message) {
    long headerChars = 0;
    for (MailHeaders.Field field : message.headers().fields()) {
      headerChars += field.name().length() + field.value().length();
    }
    if (headerChars > MAX_HEADER_CHARS) {
      return "its header section has " + headerChars + " characters, over " + MAX_HEADER_CHARS;
    }
    if (message.attachments().size() > MAX_ATTACHMENTS) {
      return "it has " + message.attachments().size() + " attachments, over " + MAX_ATTACHMENTS;
    }
    return null;
  }

  /**
   * Runs one message's handling within its budget.
   *
   * @return true when it was handled, false when it was set aside as too costly
   * @throws RuntimeException what the handling threw; the caller reports it as a failure
   */
  boolean handle(MailSource source, ReceivedMail mail, Consumer<ReceivedMail> handling) {
    String over = overBudget(mail.message());
    if (over != null) {
      setAside(source, mail, over, null);
      return false;
    }
    try {
      handling.accept(mail);
      return true;
    } catch (OutOfMemoryError | StackOverflowError e) {
      // Caught narrowly: both come from this one message's size or shape, and its objects are
      // unreachable once the handling unwound, so the poll can go on. Any other Error (a linkage
      // problem, an internal JVM error) is not the message's doing and propagates.
      setAside(source, mail, e instanceof OutOfMemoryError ? "out of memory" : "out of stack", e);
      return false;
    }
  }

  private void setAside(MailSource source, ReceivedMail mail, String why, @Nullable Throwable e) {
    LOG.warn("inbound message {} set aside, too costly: {}", mail.receipt(), why);
    MalformedMessageException failure =
        new MalformedMessageException(
            MalformedMessageException.Reason.TOO_COSTLY, "too costly: " + why, e);
    try {
      source.tooCostly(mail, failure);
    } catch (RuntimeException sourceFailure) {
      LOG.warn("the source could not set {} aside: {}", mail.receipt(), sourceFailure.toString());
    }
    try {
      listener.messageTooCostly(mail.receipt(), "too costly: " + why);
    } catch (RuntimeException listenerFailure) {
      LOG.warn("listener failed: {}", listenerFailure.toString());
    }
  }
}
