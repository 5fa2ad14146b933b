package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.ChildJvm;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code sweep()} over many work orders, many of them reassignable, in a child JVM with a small
 * heap: it must page, not collect. The orders live in an H2 file database (an in-memory one would
 * be the heap under test), written set-based from one template row.
 *
 * <p>The build runs {@value #ORDERS} orders of which {@value #REASSIGNABLE} are reassignable under
 * {@value #HEAP}; {@code -Dsweep.orders=1000000 -Dsweep.reassignable=100000 -Dsweep.heap=128m} runs
 * the sizes of the issue, {@code -Dsweep.database=postgresql} runs it on the PostgreSQL database of
 * {@code DISPATCHKIT_TEST_POSTGRES_URL} instead of H2, and {@code -Dsweep.timeoutMinutes} gives the
 * child longer than its default hour (see docs/benchmarks.md).
 */
class SweepMemoryTest {
  private static final int ORDERS = 20_000;
  private static final int REASSIGNABLE = 2_000;
  private static final String HEAP = "32m";

  /** The sweep runs a week after the template was dispatched, after the late orders' date. */
  static final Instant SWEEP_AT = Instant.parse("2026-03-10T08:00:00Z");

  @Test
  void sweepsManyReassignableOrdersInASmallHeap() throws Exception {
    int orders = Integer.getInteger("sweep.orders", ORDERS);
    int reassignable = Integer.getInteger("sweep.reassignable", REASSIGNABLE);
    String heap = System.getProperty("sweep.heap", HEAP);
    TestDatabase database =
        TestDatabase.valueOf(System.getProperty("sweep.database", "h2").toUpperCase(Locale.ROOT));
    assertThat(database.configured()).as("%s is configured", database).isTrue();
    // The sizes run for longer than an hour on a loaded 2-core machine.
    Duration timeout = Duration.ofMinutes(Long.getLong("sweep.timeoutMinutes", 60));

    ChildJvm.Result run =
        ChildJvm.run(
            heap,
            List.of("-XX:MaxDirectMemorySize=4g"),
            timeout,
            Child.class,
            String.valueOf(orders),
            String.valueOf(reassignable),
            database.name());
    System.out.printf(
        Locale.ROOT,
        "sweep of %,d orders (%,d reassignable) on %s under -Xmx%s: %d s%n%s%n",
        orders,
        reassignable,
        database,
        heap,
        run.elapsed().toSeconds(),
        run.output().strip());

    assertThat(run.outOfMemory()).as(run.output()).isFalse();
    assertThat(run.exitCode()).as(run.output()).isZero();
    // Each late order raises its late event and, its answer being due by then too, an overdue one.
    assertThat(run.output()).contains("raised " + 2 * reassignable, "reassigned " + reassignable);
  }

  /**
   * The child: writes the orders, sweeps once, and checks that every reassignable order was
   * reassigned exactly once. The database is H2 on its off-heap file system ({@code nioMemFS}), so
   * its rows do not count against the heap under test and no disk flush slows the sweep; its page
   * cache does, and is set small. On PostgreSQL the tables have a prefix of their own, dropped at
   * the end.
   */
  static final class Child {
    public static void main(String[] args) throws SQLException {
      int orders = Integer.parseInt(args[0]);
      int reassignable = Integer.parseInt(args[1]);
      TestDatabase database = TestDatabase.valueOf(args[2]);
      boolean h2 = database == TestDatabase.H2;
      DataSource ds =
          h2
              ? dataSource(
                  "jdbc:h2:nioMemFS:sweep;DB_CLOSE_DELAY=-1;CACHE_SIZE=4096;LOCK_TIMEOUT=10000")
              : database.dataSource("sweep");
      String prefix = h2 ? "sw_" : TestDatabase.uniquePrefix();
      try {
        sweep(ds, prefix, h2, orders, reassignable);
      } finally {
        if (!h2) {
          database.dropTables(ds, prefix);
        }
      }
    }

    private static void sweep(
        DataSource ds, String prefix, boolean h2, int orders, int reassignable)
        throws SQLException {
      long start = System.nanoTime();
      generate(ds, prefix, h2, orders, reassignable);
      long generated = System.nanoTime();
      WorkOrderStore store = JdbcStore.builder(ds).tablePrefix(prefix).migrate(false).build();
      int raised = kit(store, SettableClock.at(SWEEP_AT)).sweep();
      long swept = System.nanoTime();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        long moved =
            count(
                s,
                "SELECT COUNT(*) FROM " + prefix + "work_order WHERE provider = 'bravo-services'");
        // One service request per reassignment: a second one would be a second reassignment.
        long once = count(s, "SELECT COUNT(*) FROM " + prefix + "outbox");
        long total = count(s, "SELECT COUNT(*) FROM " + prefix + "work_order");
        System.out.printf(
            Locale.ROOT,
            "generated %,d in %d ms; swept in %d ms; raised %d; reassigned %d; service requests %d;"
                + " heap used %d MB of %d MB%n",
            total,
            (generated - start) / 1_000_000,
            (swept - generated) / 1_000_000,
            raised,
            moved,
            once,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
        if (raised != 2 * reassignable
            || moved != reassignable
            || once != reassignable
            || total != orders) {
          System.exit(2);
        }
      }
    }
  }

  static DispatchKit kit(WorkOrderStore store, SettableClock clock) {
    return Fixtures.kit(store, new RecordingMailSender(), clock)
        .fallbackProvider(o -> Optional.of(Fixtures.OTHER_PROVIDER))
        .build();
  }

  static DataSource dataSource(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    return h2;
  }

  /**
   * One work order through the store, then {@code orders} copies of it in one {@code INSERT ...
   * SELECT}: the first {@code reassignable} late (their expected date before the sweep), the others
   * two weeks later; every one dispatched a minute before the sweep, so only the late ones are
   * overdue (an answer is due before the expected date).
   */
  private static void generate(
      DataSource ds, String prefix, boolean h2, int orders, int reassignable) throws SQLException {
    WorkOrderStore store = JdbcStore.builder(ds).tablePrefix(prefix).build();
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(Orders.dispatched("client-1", "000000"));
          tx.preferences().save(Fixtures.preference());
          tx.preferences()
              .save(
                  Fixtures.preference(
                      Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH));
          return null;
        });
    try (Connection c = ds.getConnection()) {
      List<String> columns = new ArrayList<>();
      String table = prefix + "work_order";
      try (ResultSet rows =
          c.getMetaData()
              .getColumns(null, null, h2 ? table.toUpperCase(Locale.ROOT) : table, null)) {
        while (rows.next()) {
          columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      List<String> values = new ArrayList<>();
      for (String column : columns) {
        values.add(
            switch (column) {
              case "tracking_number" -> "LPAD(CAST(x AS VARCHAR), 7, '0')";
              case "expected_local", "expected_at" ->
                  "CASE WHEN x <= ? THEN t."
                      + column
                      + " ELSE "
                      + (h2
                          ? "DATEADD(DAY, 14, t." + column + ")"
                          : "t." + column + " + INTERVAL '14 days'")
                      + " END";
              case "dispatched_at" -> "?";
              default -> "t." + column;
            });
      }
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") SELECT "
              + String.join(", ", values)
              + " FROM "
              + table
              + " t, "
              + (h2 ? "SYSTEM_RANGE(1, ?)" : "generate_series(1, ?) AS g(x)")
              + " WHERE t.tracking_number = '000000'";
      try (PreparedStatement insert = c.prepareStatement(sql)) {
        int i = 1;
        for (String column : columns) {
          switch (column) {
            case "expected_local", "expected_at" -> insert.setInt(i++, reassignable);
            case "dispatched_at" ->
                insert.setObject(
                    i++, SWEEP_AT.minus(Duration.ofMinutes(1)).atOffset(java.time.ZoneOffset.UTC));
            default -> {}
          }
        }
        insert.setInt(i, orders);
        insert.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM " + table + " WHERE tracking_number = '000000'");
        if (!h2) {
          s.execute("VACUUM ANALYZE " + table);
        }
      }
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
