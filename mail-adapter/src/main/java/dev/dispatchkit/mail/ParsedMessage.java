package dev.dispatchkit.mail;

import dev.dispatchkit.mail.internal.Spool;
import dev.dispatchkit.reply.InboundMessage;
import java.util.Objects;

/**
 * A message read by {@link MimeParser#open(java.io.InputStream)}, with what holds its raw bytes:
 * memory for a small message, a temporary file for a big one. The message's attachments read their
 * content from there while this is open; once closed, opening one fails with an {@link
 * java.io.IOException}. Close it when done with the message (try-with-resources): that deletes the
 * file. Thread-safe; closing is idempotent.
 */
public final class ParsedMessage implements AutoCloseable {
  private final InboundMessage message;
  private final Spool spool;

  ParsedMessage(InboundMessage message, Spool spool) {
    this.message = Objects.requireNonNull(message, "message");
    this.spool = Objects.requireNonNull(spool, "spool");
  }

  /** The parsed message. */
  public InboundMessage message() {
    return message;
  }

  /** The raw message's size in bytes. */
  public long size() {
    return spool.size();
  }

  /** Whether the raw message went to a temporary file (it was above the spill threshold). */
  public boolean spilled() {
    return spool.inFile();
  }

  /** Deletes the temporary file, if any; the attachments cannot be read afterwards. */
  @Override
  public void close() {
    spool.close();
  }

  @Override
  public String toString() {
    return "ParsedMessage[" + message.messageId() + ", " + spool.size() + " bytes]";
  }
}
