package dev.dispatchkit.benchmarks;

import dev.dispatchkit.jdbc.testsupport.PlainDataSource;
import dev.dispatchkit.jdbc.testsupport.RoundTripSockets;
import dev.dispatchkit.jdbc.testsupport.TestTables;
import dev.dispatchkit.jdbc.testsupport.WorkOrderRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the JDBC benchmarks share: a PostgreSQL (or MariaDB) data source on one reused connection
 * (both sides of a comparison get the same one), the work-order generator, and table clean-up; the
 * last two are the JDBC adapter's test support.
 */
final class JdbcBench {
  /** Where the URL comes from when no parameter gives it. */
  static final String URL_VARIABLE = "DISPATCHKIT_TEST_POSTGRES_URL";

  private JdbcBench() {}

  /** Where the URL of a MariaDB database comes from. */
  static final String MARIADB_URL_VARIABLE = "DISPATCHKIT_TEST_MARIADB_URL";

  /** The URL given, else the environment's; fails with a hint when neither is set. */
  static String url(String given) {
    return url(given, URL_VARIABLE);
  }

  /** The URL given, else that of {@code variable}; fails with a hint when neither is set. */
  static String url(String given, String variable) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("set " + variable + " or pass the JDBC URL of a database");
    }
    return url;
  }

  /** Whether a JDBC URL is MariaDB's (else it is taken for PostgreSQL's). */
  static boolean isMariaDb(String url) {
    return url.startsWith("jdbc:mariadb:");
  }

  /**
   * A data source that hands out one physical connection again and again, as a pool of one would;
   * closing the handed-out connection keeps the physical one open.
   */
  static final class OneConnection extends PlainDataSource implements AutoCloseable {
    private final Connection physical;

    /**
     * On PostgreSQL, {@code synchronousCommit} false sets {@code synchronous_commit=off} for the
     * session; MariaDB has no session setting for it (its commits follow the server's {@code
     * innodb_flush_log_at_trx_commit}), so there it changes nothing.
     */
    OneConnection(String url, boolean synchronousCommit) throws SQLException {
      this(url, synchronousCommit, null);
    }

    /**
     * With {@code roundTripCounter} not null (PostgreSQL only), the connection's socket counts its
     * network round trips there (see {@link RoundTripSockets}).
     */
    OneConnection(String url, boolean synchronousCommit, @Nullable String roundTripCounter)
        throws SQLException {
      if (isMariaDb(url)) {
        this.physical = new MariaDbDataSource(url).getConnection();
        return;
      }
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      if (!synchronousCommit) {
        pg.setOptions("-c synchronous_commit=off");
      }
      if (roundTripCounter != null) {
        pg.setSocketFactory(RoundTripSockets.class.getName());
        pg.setSocketFactoryArg(roundTripCounter);
      }
      this.physical = pg.getConnection();
    }

    /** The connection itself, for set-up statements. */
    Connection physical() {
      return physical;
    }

    @Override
    public Connection getConnection() {
      return handOut(
          physical,
          c -> {
            if (!c.getAutoCommit()) {
              c.rollback();
              c.setAutoCommit(true);
            }
          });
    }

    @Override
    public void close() throws SQLException {
      physical.close();
    }
  }

  /** Drops every table whose name starts with {@code prefix}. */
  static void dropTables(Connection c, String prefix) throws SQLException {
    TestTables.drop(c, prefix);
  }

  /**
   * An INSERT that generates {@code rows} work orders straight into the adapter's table (see {@link
   * WorkOrderRows}): {@code subscribers} subscribers, {@code sites} site names, 500 providers,
   * expected dates from 2023-07-01 over three years.
   */
  static String generate(String table, int rows, int subscribers, int sites) {
    return new WorkOrderRows(rows, subscribers, 500, sites, LocalDate.of(2023, 7, 1), 1095)
        .insertInto(table);
  }
}
