package dev.dispatchkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The content of one stored attachment, read a chunk at a time: a chunk is selected only when the
 * reader has used the one before, so the stream holds one chunk at most, whatever the size. It
 * holds its connection until closed, and ends after exactly the stored size: a chunk missing
 * meanwhile (the attachment was deleted) or of the wrong length fails the read, never passes for
 * the end.
 */
final class ChunkedContent extends InputStream {
  private static final byte[] NONE = new byte[0];

  private final Connection connection;
  private final PreparedStatement select;
  private final String attachmentId;
  private final long size;

  private byte[] chunk = NONE;
  private int at;
  private int seq;
  private long delivered;
  private boolean closed;

  /**
   * @param connection held until {@link #close()}, which closes it
   * @param table the chunk table
   * @param size the stored size of the content
   */
  ChunkedContent(Connection connection, String table, String attachmentId, long size)
      throws SQLException {
    this.connection = connection;
    this.attachmentId = Objects.requireNonNull(attachmentId, "attachmentId");
    this.size = size;
    this.select =
        connection.prepareStatement(
            "SELECT data FROM " + table + " WHERE attachment_id = ? AND seq = ?");
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    delivered++;
    return chunk[at++] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, chunk.length - at);
    System.arraycopy(chunk, at, buffer, offset, n);
    at += n;
    delivered += n;
    return n;
  }

  @Override
  public int available() {
    return closed ? 0 : chunk.length - at;
  }

  /** Makes the current chunk hold an unread byte; false at the end of the content. */
  private boolean fill() throws IOException {
    if (closed) {
      throw new IOException("the attachment stream is closed");
    }
    if (at < chunk.length) {
      return true;
    }
    if (delivered >= size) {
      return false;
    }
    // Let the chunk before go first: the heap holds one chunk, not two.
    chunk = NONE;
    at = 0;
    byte[] next;
    try {
      select.setString(1, attachmentId);
      select.setInt(2, seq);
      try (ResultSet rows = select.executeQuery()) {
        next = rows.next() ? rows.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw new IOException("could not read chunk " + seq + " of " + attachmentId, e);
    }
    if (next == null || next.length == 0 || next.length > size - delivered) {
      throw new IOException(
          "attachment "
              + attachmentId
              + " has no chunk "
              + seq
              + " of the expected length (deleted meanwhile?)");
    }
    chunk = next;
    seq++;
    return true;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    chunk = NONE;
    try (Connection held = connection;
        PreparedStatement statement = select) {
      // Both closed, the statement first.
    } catch (SQLException e) {
      throw new IOException("could not release the connection", e);
    }
  }
}
