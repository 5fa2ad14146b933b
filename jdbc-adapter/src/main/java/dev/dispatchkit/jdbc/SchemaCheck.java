package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Turns the first failures of a store built with {@code migrate(false)} on a schema without
 * DispatchKit's tables into an error that says so, instead of the driver's "table not found". Once
 * the tables were seen, or a unit of work succeeded, it looks no more.
 */
final class SchemaCheck {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final Tables tables;
  private final String table;
  private volatile boolean seen;

  /** Checks for {@code table}, one of {@code tables}, when the store fails. */
  SchemaCheck(DataSource dataSource, Dialect dialect, Tables tables, String table) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
    this.table = table;
  }

  /** Records that the store worked: the tables are there. */
  void succeeded() {
    seen = true;
  }

  /**
   * Why {@code failure} happened when it is the missing tables, for the message of the exception to
   * throw instead; empty when the tables are there or that cannot be told.
   */
  Optional<String> missingTables() {
    if (seen) {
      return Optional.empty();
    }
    Optional<Boolean> exists = tableExists();
    if (exists.isEmpty()) {
      return Optional.empty();
    }
    if (exists.get()) {
      seen = true;
      return Optional.empty();
    }
    return Optional.of(
        "DispatchKit's table "
            + table
            + " does not exist: the store was built with migrate(false), so the host must apply"
            + " the migrations in "
            + dialect.migrationLocation()
            + " (table prefix '"
            + tables.prefix()
            + "') first, or build with migrate(true)");
  }

  /** {@code failure}, or a clearer one with the same cause when the tables are missing. */
  StoreException explain(StoreException failure) {
    Optional<String> missing = missingTables();
    if (missing.isEmpty()) {
      return failure;
    }
    StoreException clear = new StoreException(missing.get(), failure.getCause());
    clear.addSuppressed(failure);
    return clear;
  }

  private Optional<Boolean> tableExists() {
    String name = table;
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData metaData = c.getMetaData();
      // Unquoted names are stored upper-case by some databases, lower-case by others.
      for (String candidate : List.of(name, name.toUpperCase(Locale.ROOT))) {
        try (ResultSet rows = metaData.getTables(c.getCatalog(), null, candidate, null)) {
          if (rows.next()) {
            return Optional.of(true);
          }
        }
      }
      return Optional.of(false);
    } catch (SQLException e) {
      // Cannot tell (the database is probably unreachable): report the original failure.
      return Optional.empty();
    }
  }
}
