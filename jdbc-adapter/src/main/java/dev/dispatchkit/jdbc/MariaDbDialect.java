package dev.dispatchkit.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB 10.6 or later. Instants are {@code DATETIME(6)} in UTC, bound as UTC local date-times so
 * that neither the server's nor the session's time zone plays a part.
 *
 * <p>Duplicates are caught by their error code (1062, duplicate key) rather than hidden with {@code
 * INSERT IGNORE}, which would also turn truncations and other errors into warnings; InnoDB rolls
 * back only the failed statement, so the transaction goes on. Outbox rows are claimed with {@code
 * FOR UPDATE SKIP LOCKED}.
 *
 * <p>Deferred writes, when there are several, go as one JDBC batch of plain statements, which
 * MariaDB Connector/J 3 pipelines (all sent, then all answers read: one round trip) without {@code
 * allowMultiQueries}; a batch of different prepared statements does not exist in JDBC. Their
 * parameters are therefore written into the text by {@link MariaDbLiterals}, strings as hexadecimal
 * literals, so that no value's characters ever reach the SQL.
 */
final class MariaDbDialect extends SqlDialect {
  private static final int DUPLICATE_KEY = 1062;

  @Override
  Dialect kind() {
    return Dialect.MARIADB;
  }

  /** Instants are {@code DATETIME(6)} in UTC, which the driver binds as plain timestamps. */
  @Override
  int instantSqlType() {
    return Types.TIMESTAMP;
  }

  @Override
  void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    statement.setObject(
        index, instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  @Override
  @Nullable Instant getInstant(ResultSet rows, String column) throws SQLException {
    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  @Override
  @Nullable Instant getInstant(ResultSet rows, int column) throws SQLException {
    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  @Override
  boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (e.getErrorCode() == DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  boolean isDuplicateKey(SQLException failure) {
    for (SQLException e = failure; e != null; e = e.getNextException()) {
      if (e.getErrorCode() == DUPLICATE_KEY
          || e.getCause() instanceof SQLException cause && cause.getErrorCode() == DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }

  @Override
  int[] runWrites(Connection connection, List<DeferredWrites.Write> writes) throws SQLException {
    if (writes.size() == 1) {
      return new int[] {runWrite(connection, writes.get(0))};
    }
    try (Statement batch = connection.createStatement()) {
      for (DeferredWrites.Write write : writes) {
        batch.addBatch(MariaDbLiterals.inline(write.sql(), write.parameters()));
      }
      try {
        return batch.executeBatch();
      } catch (BatchUpdateException e) {
        // With continueBatchOnError (the default) the failed write counts EXECUTE_FAILED and
        // the rest ran; without, the counts stop before it. Either way the transaction rolls
        // back: only a refused duplicate is worth its own message.
        int[] done = e.getUpdateCounts() == null ? new int[0] : e.getUpdateCounts();
        int failed = done.length;
        for (int i = 0; i < done.length; i++) {
          if (done[i] == Statement.EXECUTE_FAILED) {
            failed = i;
            break;
          }
        }
        if (failed < writes.size() && writes.get(failed).refusesDuplicate() && isDuplicateKey(e)) {
          int[] counts = Arrays.copyOf(done, failed + 1);
          counts[failed] = 0;
          return counts;
        }
        throw e;
      }
    }
  }

  @Override
  String upsert(String table, List<String> keyColumns, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ") ON DUPLICATE KEY UPDATE "
        + columns.stream()
            .filter(c -> !keyColumns.contains(c))
            .map(c -> c + " = VALUES(" + c + ")")
            .collect(Collectors.joining(", "));
  }

  @Override
  List<String> claim(Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException {
    return claimSkippingLocked(this, connection, tables, now, until, max);
  }
}
