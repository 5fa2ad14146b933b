package dev.dispatchkit.mail.internal;

import dev.dispatchkit.reply.InboundMessage;

/**
 * Turns the spooled raw bytes of a fetched message into an {@link InboundMessage}, whose
 * attachments may read from the spool. A seam between the IMAP source and {@link
 * dev.dispatchkit.mail.MimeParser}, so tests can watch what gets parsed.
 */
@FunctionalInterface
public interface RawParser {

  /**
   * @throws RuntimeException when the bytes cannot be read as a message; the source quarantines it
   */
  InboundMessage parse(Spool raw);
}
