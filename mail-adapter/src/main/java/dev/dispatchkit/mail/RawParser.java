package dev.dispatchkit.mail;

import dev.dispatchkit.reply.InboundMessage;

/**
 * Turns the raw bytes of a fetched message into an {@link InboundMessage}. A seam between the IMAP
 * source and {@link MimeParser}, so tests can watch what gets parsed.
 */
@FunctionalInterface
interface RawParser {

  /**
   * @throws RuntimeException when the bytes cannot be read as a message; the source quarantines it
   */
  InboundMessage parse(byte[] raw);
}
