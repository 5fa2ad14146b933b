package dev.dispatchkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * H2 2.x. H2 rolls back only a failed statement, so duplicates are caught by their SQL state.
 *
 * <p>Outbox claims do not lock ahead: they read the due rows, then move each one's next attempt
 * with an UPDATE that repeats the condition it was read under ({@code state = 'PENDING' AND
 * next_attempt_at = <the value read>}). H2 re-checks that condition against the latest committed
 * row once a concurrent writer has finished, so of two claimers exactly one updates the row (update
 * count 1) and only that one returns it.
 */
final class H2Dialect extends SqlDialect {
  private static final String DUPLICATE_KEY = "23505";

  @Override
  Dialect kind() {
    return Dialect.H2;
  }

  @Override
  int instantSqlType() {
    return Types.TIMESTAMP_WITH_TIMEZONE;
  }

  @Override
  boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  boolean isDuplicateKey(SQLException failure) {
    return DUPLICATE_KEY.equals(failure.getSQLState());
  }

  @Override
  String upsert(String table, List<String> keyColumns, List<String> columns) {
    return "MERGE INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") KEY ("
        + String.join(", ", keyColumns)
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  @Override
  List<String> claim(Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    List<Instant> dueAt = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, next_attempt_at FROM "
                + tables.outbox()
                + " WHERE state = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, seq LIMIT ?")) {
      setInstant(select, 1, now);
      select.setInt(2, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString("id"));
          dueAt.add(getInstant(rows, "next_attempt_at"));
        }
      }
    }
    List<String> claimed = new ArrayList<>(ids.size());
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + tables.outbox()
                + " SET next_attempt_at = ?"
                + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ?")) {
      for (int i = 0; i < ids.size(); i++) {
        setInstant(update, 1, until);
        update.setString(2, ids.get(i));
        setInstant(update, 3, dueAt.get(i));
        if (update.executeUpdate() == 1) {
          claimed.add(ids.get(i));
        }
      }
    }
    return claimed;
  }
}
