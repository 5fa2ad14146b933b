package dev.dispatchkit.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the JDBC benchmarks share: a PostgreSQL data source on one reused connection (both sides of
 * a comparison get the same one), the work-order generator, and table clean-up.
 */
final class JdbcBench {
  /** Where the URL comes from when no parameter gives it. */
  static final String URL_VARIABLE = "DISPATCHKIT_TEST_POSTGRES_URL";

  private JdbcBench() {}

  /** The URL given, else the environment's; fails with a hint when neither is set. */
  static String url(String given) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "set " + URL_VARIABLE + " or pass the JDBC URL of a PostgreSQL database");
    }
    return url;
  }

  /**
   * A data source that hands out one physical connection again and again, as a pool of one would;
   * closing the handed-out connection keeps the physical one open.
   */
  static final class OneConnection implements DataSource, AutoCloseable {
    private final Connection physical;

    OneConnection(String url, boolean synchronousCommit) throws SQLException {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      if (!synchronousCommit) {
        pg.setOptions("-c synchronous_commit=off");
      }
      this.physical = pg.getConnection();
    }

    /** The connection itself, for set-up statements. */
    Connection physical() {
      return physical;
    }

    @Override
    public Connection getConnection() {
      boolean[] closed = {false};
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "close" -> {
                    if (!closed[0] && !physical.getAutoCommit()) {
                      physical.rollback();
                      physical.setAutoCommit(true);
                    }
                    closed[0] = true;
                    return null;
                  }
                  case "isClosed" -> {
                    return closed[0] || physical.isClosed();
                  }
                  default -> {
                    try {
                      return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  }
                }
              });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }

    @Override
    public void close() throws SQLException {
      physical.close();
    }
  }

  /** Drops every table whose name starts with {@code prefix}. */
  static void dropTables(Connection c, String prefix) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rows =
        meta.getTables(c.getCatalog(), null, prefix.replace("_", "\\_") + "%", null)) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME");
        String type = rows.getString("TABLE_TYPE");
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && "TABLE".equals(type)) {
          tables.add(name);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /**
   * An INSERT that generates {@code rows} work orders straight into the adapter's table, copying
   * the encoded lists of the template row (subscriber {@code template}), which the store wrote.
   * Tracking numbers are {@code 000000001} upwards. Distributions: {@code subscribers} subscribers,
   * a few large (the square of a uniform draw); {@code sites} site names ({@code Store <n>}); 500
   * providers; a fifth urgent; expected dates, whole minutes, uniform from 2023-07-01 over three
   * years; work orders due before 2026 mostly confirmed (85 %), cancelled (10 %) or awaiting
   * confirmation; later ones open (35 %), declined (5 %), confirmed by the provider (25 %), on site
   * (10 %), completed (20 %) or cancelled.
   */
  static String generate(String table, int rows, int subscribers, int sites) {
    return "INSERT INTO "
        + table
        + " (subscriber, tracking_number, provider, site_name, site_address, site_phone,"
        + " site_zone, problem_trade, problem_description, problem_details, priority, nte_amount,"
        + " nte_currency, expected_local, expected_offset, expected_at, status_primary,"
        + " status_extended, contacts, notes, attachments, reschedule_count, dispatch_message_id,"
        + " version, dispatched_at, accepted_at, checked_in_at, decline_reason, decline_text,"
        + " decline_at)"
        + " SELECT 'client-' || floor(power(g.r1, 2) * "
        + subscribers
        + ")::int, lpad(g.i::text, 9, '0'), 'provider-' || floor(g.r2 * 500)::int,"
        + " 'Store ' || floor(g.r3 * "
        + sites
        + ")::int, t.site_address, t.site_phone, t.site_zone, t.problem_trade,"
        + " t.problem_description, t.problem_details,"
        + " CASE WHEN g.r4 < 0.2 THEN 'URGENT' ELSE 'NON_URGENT' END,"
        + " t.nte_amount, t.nte_currency, g.expected AT TIME ZONE t.site_zone,"
        + " EXTRACT(EPOCH FROM ((g.expected AT TIME ZONE t.site_zone)"
        + " - (g.expected AT TIME ZONE 'UTC')))::int, g.expected, s.p, s.e, t.contacts, t.notes,"
        + " t.attachments, 0, NULL, 3, g.expected - interval '2 days',"
        + " CASE WHEN s.p IN ('IN_PROGRESS', 'COMPLETED') THEN g.expected - interval '1 day' END,"
        + " CASE WHEN s.e = 'ON_SITE' THEN g.expected END, NULL,"
        + " CASE WHEN s.e = 'DECLINED' THEN 'Non' END,"
        + " CASE WHEN s.e = 'DECLINED' THEN g.expected - interval '1 day' END"
        + " FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,"
        + " random() AS r5, date_trunc('minute', TIMESTAMPTZ '2023-07-01 00:00:00+00'"
        + " + random() * interval '1095 days') AS expected FROM generate_series(1, "
        + rows
        + ") AS i) g"
        + " CROSS JOIN LATERAL (SELECT CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'COMPLETED' WHEN g.r5 < 0.95 THEN 'CANCELLED'"
        + "   ELSE 'COMPLETED' END"
        + " ELSE CASE WHEN g.r5 < 0.40 THEN 'OPEN' WHEN g.r5 < 0.75 THEN 'IN_PROGRESS'"
        + "   WHEN g.r5 < 0.95 THEN 'COMPLETED' ELSE 'CANCELLED' END END AS p,"
        + " CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'CONFIRMED' WHEN g.r5 < 0.95 THEN 'NONE'"
        + "   ELSE 'PENDING_CONFIRMATION' END"
        + " ELSE CASE WHEN g.r5 < 0.35 THEN 'NONE' WHEN g.r5 < 0.40 THEN 'DECLINED'"
        + "   WHEN g.r5 < 0.65 THEN 'DISPATCH_CONFIRMED' WHEN g.r5 < 0.75 THEN 'ON_SITE'"
        + "   WHEN g.r5 < 0.95 THEN 'PENDING_CONFIRMATION' ELSE 'NONE' END END AS e) s"
        + " CROSS JOIN (SELECT * FROM "
        + table
        + " WHERE subscriber = 'template') t";
  }
}
