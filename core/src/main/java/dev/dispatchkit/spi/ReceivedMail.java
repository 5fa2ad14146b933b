package dev.dispatchkit.spi;

import dev.dispatchkit.reply.InboundMessage;
import java.util.Objects;

/**
 * A message a {@link MailSource} delivered, with the handle it needs to acknowledge it, and what it
 * holds for the message until closed.
 *
 * <p>A source may keep a big message's raw bytes in a temporary file, from which its attachments
 * are read as streams; {@link #close()} releases it. The core closes each mail of a poll once it
 * has handled it, whatever happened to it, and {@link MailSource#poll(int,
 * java.util.function.Consumer)} closes each one when its handler returns; a host that calls {@link
 * MailSource#poll(int)} itself closes the mails (try-with-resources), after reading their
 * attachments. The source releases whatever is left open when it is closed.
 *
 * @param receipt the source's own handle for the message (for IMAP, the folder, UIDVALIDITY and
 *     UID); opaque to the core
 * @param message the parsed message
 * @param onClose releases what the source holds for the message; run by {@link #close()}, which may
 *     run more than once, so it must be idempotent
 */
public record ReceivedMail(String receipt, InboundMessage message, Runnable onClose)
    implements AutoCloseable {

  private static final Runnable NOTHING = () -> {};

  /** All parts are required. */
  public ReceivedMail {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(onClose, "onClose");
  }

  /** A mail that holds nothing beyond the message: closing it does nothing. */
  public ReceivedMail(String receipt, InboundMessage message) {
    this(receipt, message, NOTHING);
  }

  /**
   * Releases what the source holds for the message; its attachments may not be readable afterwards.
   * Idempotent.
   */
  @Override
  public void close() {
    onClose.run();
  }
}
