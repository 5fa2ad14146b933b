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
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Attachments in a binary column (bytea, LONGBLOB, BLOB). Content is streamed in through a stream
 * that counts, digests and stops at the size limit; the row is inserted and completed with its size
 * and digest in one transaction, so refused content never stays stored.
 */
final class JdbcAttachmentStore implements AttachmentStore {
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
                    + " (id, file_name, content_type, size_bytes, sha256, content)"
                    + " VALUES (?, ?, ?, 0, ?, ?)")) {
          insert.setString(1, id);
          insert.setString(2, fileName);
          insert.setString(3, contentType);
          insert.setString(4, "0".repeat(64));
          insert.setBinaryStream(5, digesting);
          insert.executeUpdate();
        }
        // A driver may read the stream only partly when it fails, or swallow our exception into
        // its own: the counter has the last word.
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

  @Override
  public InputStream open(String attachmentId) {
    Objects.requireNonNull(attachmentId, "attachmentId");
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      PreparedStatement select =
          connection.prepareStatement(
              "SELECT content FROM " + tables.attachment() + " WHERE id = ?");
      select.setString(1, attachmentId);
      ResultSet rows = select.executeQuery();
      if (!rows.next()) {
        connection.close();
        throw new AttachmentException(
            AttachmentException.Reason.NOT_FOUND,
            "no attachment " + attachmentId,
            attachmentId,
            null);
      }
      // The connection stays open while the caller reads: closing the stream releases it.
      Connection held = connection;
      return new FilterInputStream(rows.getBinaryStream(1)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            try {
              held.close();
            } catch (SQLException e) {
              throw new IOException("could not release the connection", e);
            }
          }
        }
      };
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
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + tables.attachment() + " WHERE id = ?")) {
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
