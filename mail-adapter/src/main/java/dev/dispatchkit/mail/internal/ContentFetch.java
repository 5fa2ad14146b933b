package dev.dispatchkit.mail.internal;

import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a message's content by UID into a {@link Spool}, one partial fetch ({@code UID FETCH n
 * (UID BODY.PEEK[]<offset.length>)}) at a time, so that a big message is streamed to its spill file
 * and the heap holds one piece of it, never the whole. {@code BODY.PEEK} leaves it unread.
 *
 * <p>Why not Jakarta Mail's own streaming ({@code IMAPMessage.writeTo}, with {@code
 * mail.imap.partialfetch} and {@code mail.imap.fetchsize}): it addresses messages by sequence
 * number, which another session may shift (see {@link UidCommands}); these fetches do what it does,
 * by UID.
 */
public final class ContentFetch {

  /** The bytes one fetch asks for: 1 MiB. */
  public static final int DEFAULT_PIECE_BYTES = 1024 * 1024;

  private final Spool.Policy spill;
  private final int pieceBytes;

  /** Fetches into spools of {@code spill}, {@code pieceBytes} at a time. */
  public ContentFetch(Spool.Policy spill, int pieceBytes) {
    if (pieceBytes < 1) {
      throw new IllegalArgumentException("pieceBytes must be at least 1, was " + pieceBytes);
    }
    this.spill = spill;
    this.pieceBytes = pieceBytes;
  }

  /** The content of a message, or why there is none. */
  public sealed interface Result {}

  /** The raw message; the caller closes the spool. */
  public record Fetched(Spool spool) implements Result {}

  /** The message holds more bytes than the limit; nothing is kept. */
  public record TooLarge() implements Result {}

  /** No message has the UID (any more): another session took it; nothing is kept. */
  public record Gone() implements Result {}

  /**
   * The message's content, at most {@code limit} bytes of it: a larger one is {@link TooLarge} as
   * soon as a fetch passes the limit.
   *
   * @throws MessagingException when the server fails, or the spool cannot be written (the cause
   *     then is an {@link IOException})
   */
  public Result fetch(IMAPFolder folder, long uid, long limit) throws MessagingException {
    try (Spool.Writer writer = spill.writer(limit)) {
      while (true) {
        // One byte past the limit at most, to tell a message of exactly the limit from a larger.
        long wanted = Math.min(pieceBytes, limit + 1 - writer.size());
        @Nullable ByteArray piece = piece(folder, uid, writer.size(), (int) wanted);
        if (piece == null) {
          return new Gone();
        }
        if (!writer.write(piece.getBytes(), piece.getStart(), piece.getCount())) {
          return new TooLarge();
        }
        if (piece.getCount() < wanted) {
          return new Fetched(writer.finish());
        }
      }
    } catch (IOException e) {
      throw new MessagingException("the message could not be spooled", e);
    }
  }

  /**
   * {@code length} bytes of the message from {@code offset}, fewer at its end (none past it); null
   * when no message has the UID.
   */
  private static @Nullable ByteArray piece(IMAPFolder folder, long uid, long offset, int length)
      throws MessagingException {
    return (ByteArray)
        folder.doCommand(
            p -> {
              Response[] responses =
                  p.command(
                      "UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + length + ">)",
                      null);
              // The response's own buffer, not a copy: it is written out before the next fetch.
              @Nullable ByteArray bytes = null;
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse f) {
                  UID item = f.getItem(UID.class);
                  BODY body = f.getItem(BODY.class);
                  if (item != null && item.uid == uid && body != null) {
                    ByteArray data = body.getByteArray();
                    bytes = data == null ? new ByteArray(new byte[0], 0, 0) : data;
                  }
                  responses[i] = null;
                }
              }
              if (UidCommands.refused(p, responses) || bytes == null) {
                return null;
              }
              return bytes;
            });
  }
}
