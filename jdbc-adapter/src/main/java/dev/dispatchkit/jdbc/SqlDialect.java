package dev.dispatchkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What differs between databases. Each database is one subclass; the rest of the adapter writes SQL
 * that all three accept.
 */
abstract sealed class SqlDialect permits PostgresDialect, MariaDbDialect, H2Dialect {

  /** Binds the parameters of a prepared statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  abstract Dialect kind();

  /** The {@link java.sql.Types SQL type} of an instant column, which binding a null needs. */
  abstract int instantSqlType();

  /** Binds an instant, already at microsecond precision. */
  void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    statement.setObject(
        index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  @Nullable Instant getInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The instant in a column given by position. */
  @Nullable Instant getInstant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Runs an INSERT, unless a row with the same unique key exists: then nothing changes and the
   * transaction stays usable.
   *
   * @return whether the row was inserted
   */
  abstract boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder)
      throws SQLException;

  /**
   * Runs deferred writes in their order and returns each one's update count; an insert that {@link
   * DeferredWrites.Write#refusesDuplicate refuses a duplicate} counts 0 for a duplicate, and may
   * end the array (the writes after it are not reported; the transaction is rolled back anyway).
   * This default sends one statement per write; a dialect whose driver can carry several writes in
   * one round trip overrides it.
   */
  int[] runWrites(Connection connection, List<DeferredWrites.Write> writes) throws SQLException {
    int[] counts = new int[writes.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = runWrite(connection, writes.get(i));
    }
    return counts;
  }

  /**
   * Whether {@link #runWritesAndCommit} can send a unit of work's last writes and its commit in one
   * round trip. Not by default.
   */
  boolean commitsWithWrites() {
    return false;
  }

  /**
   * Runs a unit of work's last deferred writes in their order and commits, as one round trip;
   * called only when {@link #commitsWithWrites}. A {@link DeferredWrites.OneRow} write that touches
   * no row must stop everything before the commit and throw {@link DeferredWrites.Refused} with its
   * position; any other failure throws as the driver reports it. Either way nothing is committed.
   */
  void runWritesAndCommit(Connection connection, List<DeferredWrites.Write> writes)
      throws SQLException {
    throw new UnsupportedOperationException(kind() + " does not commit with its writes");
  }

  /** Runs one deferred write as a statement of its own. */
  int runWrite(Connection connection, DeferredWrites.Write write) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(write.sql())) {
      write.parameters().bind(statement, 0);
      return statement.executeUpdate();
    } catch (SQLException e) {
      if (write.refusesDuplicate() && isDuplicateKey(e)) {
        return 0;
      }
      throw e;
    }
  }

  /**
   * Readies the transaction for a query with a flag, whose large filter the database applies to
   * many index entries: the sweep's scans and the flag filters. Nothing by default.
   */
  void beforeFlagQuery(SqlSession sql) throws SQLException {}

  /**
   * Runs the page of a scan by flag alone (no subscriber, provider or site: the sweep's scans),
   * which must read an index in the scan's order. By default as any statement.
   */
  <T> List<T> scanByFlag(SqlSession sql, String page, Binder binder, SqlSession.RowReader<T> reader)
      throws SQLException {
    return sql.query(page, binder, reader);
  }

  /** Whether a failed statement was refused for a duplicate unique key, and nothing else. */
  abstract boolean isDuplicateKey(SQLException failure);

  /** An INSERT that replaces the row with the same primary key, on every column listed. */
  abstract String upsert(String table, List<String> keyColumns, List<String> columns);

  /**
   * Takes up to {@code max} pending outbox rows due at {@code now} that no other transaction holds,
   * moves their next attempt to {@code until}, and returns their ids, oldest due first.
   */
  abstract List<String> claim(
      Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException;

  /** The locking claim of PostgreSQL and MariaDB: skip rows that other claimers hold. */
  static List<String> claimSkippingLocked(
      SqlDialect dialect, Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM "
                + tables.outbox()
                + " WHERE state = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
      dialect.setInstant(select, 1, now);
      select.setInt(2, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    if (!ids.isEmpty()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE " + tables.outbox() + " SET next_attempt_at = ? WHERE id = ?")) {
        for (String id : ids) {
          dialect.setInstant(update, 1, until);
          update.setString(2, id);
          update.addBatch();
        }
        update.executeBatch();
      }
    }
    return ids;
  }
}
