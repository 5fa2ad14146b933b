package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Attachments as a metadata row and content in chunks of {@value #CHUNK_BYTES} bytes, one binary
 * row (bytea, LONGBLOB, BLOB) each. Why chunks: a driver materialises a binary value whole (pgjdbc
 * even as hex text on the wire), so one value per attachment costs its size, or twice it, in heap;
 * a chunk at a time costs a chunk. Content is read through a stream that counts, digests and stops
 * at the size limit; the row, its chunks and its final size and digest are written in one
 * transaction, so refused content never stays stored. {@link #open} reads the chunks back one at a
 * time, on demand ({@link ChunkedContent}).
 */
final class JdbcAttachmentStore implements AttachmentStore {
  /** The size of every chunk but the last of an attachment: 1 MiB. */
  static final int CHUNK_BYTES = 1024 * 1024;

  private final DataSource dataSource;
  private final Tables tables;
  private final URI linkBase;

  JdbcAttachmentStore(DataSource dataSource, Tables tables, URI linkBase) {
    this.dataSource = dataSource;
    this.tables = tables;
    this.linkBase = linkBase;
  }

  @Override
  public AttachmentRef put(
      String fileName, String contentType, InputStream content, long maxBytes) {
    Objects.requireNonNull(content, "content");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 or more, was " + maxBytes);
    }
    String id = UUID.randomUUID().toString();
    // Validates the name and type before any byte is read; size and digest are placeholders.
    new AttachmentRef(id, fileName, contentType, 0, "0".repeat(64));
    LimitedStream limited = new LimitedStream(content, maxBytes);
    DigestInputStream digesting = new DigestInputStream(limited, sha256());
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + tables.attachment()
                    + " (id, file_name, content_type, size_bytes, sha256)"
                    + " VALUES (?, ?, ?, 0, ?)")) {
          insert.setString(1, id);
          insert.setString(2, fileName);
          insert.setString(3, contentType);
          insert.setString(4, "0".repeat(64));
          insert.executeUpdate();
        }
        writeChunks(connection, id, digesting);
        // The counter has the last word on whether everything was read, and within the limit.
        limited.checkFullyRead();
        String sha256 = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        try (PreparedStatement complete =
            connection.prepareStatement(
                "UPDATE " + tables.attachment() + " SET size_bytes = ?, sha256 = ? WHERE id = ?")) {
          complete.setLong(1, limited.count());
          complete.setString(2, sha256);
          complete.setString(3, id);
          complete.executeUpdate();
        }
        connection.commit();
        return new AttachmentRef(id, fileName, contentType, limited.count(), sha256);
      } catch (SQLException | IOException | RuntimeException e) {
        // A driver that was cut off mid-packet (MariaDB) drops the connection: nothing was
        // committed then, and the rollback's own failure must not hide the reason.
        rollbackQuietly(connection, e);
        if (limited.exceeded()) {
          throw new AttachmentException(
              AttachmentException.Reason.TOO_LARGE,
              "content is larger than " + maxBytes + " bytes",
              null,
              null);
        }
        if (e instanceof AttachmentException a) {
          throw a;
        }
        throw new AttachmentException(
            AttachmentException.Reason.STORAGE_FAILED, "could not store: " + e.getMessage(), id, e);
      } finally {
        if (!connection.isClosed()) {
          connection.setAutoCommit(autoCommit);
        }
      }
    } catch (SQLException e) {
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED, "could not store: " + e.getMessage(), id, e);
    }
  }

  /**
   * Writes the content as chunks 0, 1, 2... of {@link #CHUNK_BYTES}, the last one shorter; empty
   * content has none. One buffer serves every chunk: each insert has been sent when it returns.
   */
  private void writeChunks(Connection connection, String id, InputStream content)
      throws SQLException, IOException {
    byte[] buffer = new byte[CHUNK_BYTES];
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + tables.attachmentChunk()
                + " (attachment_id, seq, data) VALUES (?, ?, ?)")) {
      for (int seq = 0; ; seq++) {
        int read = content.readNBytes(buffer, 0, CHUNK_BYTES);
        if (read == 0) {
          return;
        }
        insert.setString(1, id);
        insert.setInt(2, seq);
        insert.setBytes(3, read == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, read));
        insert.executeUpdate();
        if (read < CHUNK_BYTES) {
          return;
        }
      }
    }
  }

  @Override
  public InputStream open(String attachmentId) {
    Objects.requireNonNull(attachmentId, "attachmentId");
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      long size;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT size_bytes FROM " + tables.attachment() + " WHERE id = ?")) {
        select.setString(1, attachmentId);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            connection.close();
            throw new AttachmentException(
                AttachmentException.Reason.NOT_FOUND,
                "no attachment " + attachmentId,
                attachmentId,
                null);
          }
          size = rows.getLong(1);
        }
      }
      // The connection stays open while the caller reads: closing the stream releases it.
      return new ChunkedContent(connection, tables.attachmentChunk(), attachmentId, size);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED,
          "could not open " + attachmentId + ": " + e.getMessage(),
          attachmentId,
          e);
    }
  }

  @Override
  public void delete(String attachmentId) {
    Objects.requireNonNull(attachmentId, "attachmentId");
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement chunks =
              connection.prepareStatement(
                  "DELETE FROM " + tables.attachmentChunk() + " WHERE attachment_id = ?");
          PreparedStatement delete =
              connection.prepareStatement("DELETE FROM " + tables.attachment() + " WHERE id = ?")) {
        chunks.setString(1, attachmentId);
        chunks.executeUpdate();
        delete.setString(1, attachmentId);
        delete.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED,
          "could not delete " + attachmentId + ": " + e.getMessage(),
          attachmentId,
          e);
    }
  }

  @Override
  public URI link(String attachmentId) {
    Objects.requireNonNull(attachmentId, "attachmentId");
    return URI.create(linkBase + attachmentId);
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Already failing; the first error is the one to report.
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Counts what passes and fails as soon as it passes the limit. */
  private static final class LimitedStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean exceeded;
    private boolean ended;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        ended = true;
      } else {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        ended = true;
      } else {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skipping would leave bytes out of the digest");
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void add(int n) throws IOException {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new IOException("content is larger than " + limit + " bytes");
      }
    }

    void checkFullyRead() throws IOException {
      if (exceeded) {
        throw new IOException("content is larger than " + limit + " bytes");
      }
      if (!ended && super.read() >= 0) {
        // The driver stopped before the end: some bytes would be missing.
        add(1);
        throw new IOException("the driver did not read the whole content");
      }
    }

    long count() {
      return count;
    }

    boolean exceeded() {
      return exceeded;
    }
  }
}
