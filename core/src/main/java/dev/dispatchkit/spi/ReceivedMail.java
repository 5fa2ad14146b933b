package dev.dispatchkit.spi;

import dev.dispatchkit.reply.InboundMessage;
import java.util.Objects;

/**
 * A message a {@link MailSource} delivered, with the handle it needs to acknowledge it.
 *
 * @param receipt the source's own handle for the message (for IMAP, the folder, UIDVALIDITY and
 *     UID); opaque to the core
 * @param message the parsed message
 */
public record ReceivedMail(String receipt, InboundMessage message) {
  /** Both parts are required. */
  public ReceivedMail {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(message, "message");
  }
}
