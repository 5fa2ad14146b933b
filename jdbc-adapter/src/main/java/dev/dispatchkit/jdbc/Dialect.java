package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.ConfigurationException;
import java.util.Locale;

/**
 * The databases the JDBC adapter supports. {@link JdbcStore.Builder} detects the dialect from the
 * connection's metadata; set it explicitly when a driver wraps another (a proxy, a tracing driver).
 */
public enum Dialect {
  /** PostgreSQL 12 or later. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.6 or later ({@code SKIP LOCKED} appeared in 10.6). */
  MARIADB("mariadb"),
  /** H2 2.x, for tests and demos. */
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * Where the Flyway migration scripts of this dialect lie on the class path, such as {@code
   * classpath:db/dispatchkit/postgresql}. A host that runs migrations with its own Flyway points a
   * separate Flyway instance here, with the history table {@link JdbcStore#HISTORY_TABLE_SUFFIX}
   * (prefixed like the tables) and the placeholder {@code prefix} set to the table prefix.
   */
  public String migrationLocation() {
    return "classpath:db/dispatchkit/" + folder;
  }

  SqlDialect sql() {
    return switch (this) {
      case POSTGRESQL -> new PostgresDialect();
      case MARIADB -> new MariaDbDialect();
      case H2 -> new H2Dialect();
    };
  }

  /** The dialect of a database product name as JDBC metadata reports it. */
  static Dialect ofProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new ConfigurationException(
        "dialect",
        "database '"
            + productName
            + "' is not supported; supported are PostgreSQL, MariaDB and H2 (set the dialect"
            + " explicitly if a wrapping driver hides the product name)");
  }
}
