package dev.dispatchkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL. A failed statement aborts the whole transaction there, so duplicates are avoided with
 * {@code ON CONFLICT DO NOTHING} instead of being caught; outbox rows are claimed with {@code FOR
 * UPDATE SKIP LOCKED}.
 */
final class PostgresDialect extends SqlDialect {

  @Override
  Dialect kind() {
    return Dialect.POSTGRESQL;
  }

  @Override
  int instantSqlType() {
    return Types.TIMESTAMP_WITH_TIMEZONE;
  }

  @Override
  boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
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
        + ") ON CONFLICT ("
        + String.join(", ", keyColumns)
        + ") DO UPDATE SET "
        + columns.stream()
            .filter(c -> !keyColumns.contains(c))
            .map(c -> c + " = EXCLUDED." + c)
            .collect(Collectors.joining(", "));
  }

  @Override
  List<String> claim(Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException {
    return claimSkippingLocked(this, connection, tables, now, until, max);
  }
}
