package dev.dispatchkit.jdbc;

import dev.dispatchkit.StoreException;
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
  private volatile boolean seen;

  SchemaCheck(DataSource dataSource, Dialect dialect, Tables tables) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
  }

  /** Records that the store worked: the tables are there. */
  void succeeded() {
    seen = true;
  }

  /**
   * The exception to throw for {@code failure}: a clearer one when the tables are missing, else
   * {@code failure} itself. The clearer one keeps the driver's exception as its cause.
   */
  StoreException explain(StoreException failure) {
    if (seen) {
      return failure;
    }
    Optional<Boolean> exists = workOrderTableExists();
    if (exists.isEmpty()) {
      return failure;
    }
    if (exists.get()) {
      seen = true;
      return failure;
    }
    StoreException clear =
        new StoreException(
            "DispatchKit's tables (prefix '"
                + tables.prefix()
                + "') do not exist: the store was built with migrate(false), so the host must"
                + " apply the migrations in "
                + dialect.migrationLocation()
                + " first, or build with migrate(true)",
            failure.getCause());
    clear.addSuppressed(failure);
    return clear;
  }

  private Optional<Boolean> workOrderTableExists() {
    String name = tables.workOrder();
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
