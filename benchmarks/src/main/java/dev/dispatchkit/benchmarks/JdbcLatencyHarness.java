package dev.dispatchkit.benchmarks;

import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Latency of the two reads a portal makes most, through the store, on a large PostgreSQL table:
 * loads generated work orders (1,000,000 by default) into the adapter's schema, analyses them, then
 * times thousands of tracking-number lookups and filtered, paged lists after a warm-up, and prints
 * p50, p99 and max of each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.JdbcLatencyHarness \
 *     [--url jdbc:postgresql://...] [--rows 1000000] [--samples 5000] [--keep]
 * </pre>
 *
 * <p>The URL defaults to {@code DISPATCHKIT_TEST_POSTGRES_URL}. The tables use the prefix {@code
 * dkharness_}; they are dropped at the end unless {@code --keep} is given, and a kept table is
 * reused by the next run with the same row count.
 */
public final class JdbcLatencyHarness {
  private static final String PREFIX = "dkharness_";
  private static final int SUBSCRIBERS = 200;
  private static final int SITES = 5_000;
  private static final long LOOKUP_TARGET_MICROS = 2_000;
  private static final long LIST_TARGET_MICROS = 20_000;

  private JdbcLatencyHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws SQLException {
    String url = "";
    int rows = 1_000_000;
    int samples = 5_000;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (JdbcBench.OneConnection dataSource =
        new JdbcBench.OneConnection(JdbcBench.url(url), true)) {
      WorkOrderStore store = load(dataSource, rows);
      Random random = new Random(7);
      int total = rows;
      long[] lookups =
          measure(
              samples,
              i -> {
                TrackingNumber tn =
                    TrackingNumber.of(
                        String.format(Locale.ROOT, "%09d", 1 + random.nextInt(total)));
                if (store
                    .inTransaction(
                        (StoreTransaction tx) -> tx.workOrders().findByTrackingNumber(tn))
                    .isEmpty()) {
                  throw new IllegalStateException("no work order " + tn);
                }
              });
      DispatchPolicies policies = DispatchPolicies.defaults();
      Instant asOf = Instant.parse("2026-03-02T08:00:00Z");
      long[] lists =
          measure(
              samples,
              i -> {
                WorkOrderQuery query =
                    WorkOrderQuery.builder(asOf, policies)
                        .siteName("Store " + random.nextInt(SITES))
                        .primaryStatuses(Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS))
                        .priorities(Set.of(Priority.URGENT))
                        .sort(WorkOrderQuery.Sort.EXPECTED_DATE_ASC)
                        .page(0, 50)
                        .build();
                store.inTransaction((StoreTransaction tx) -> tx.workOrders().list(query));
              });
      System.out.printf(
          Locale.ROOT,
          "%nPostgreSQL, %,d work orders, %,d samples each after %,d warm-up (microseconds)%n",
          rows,
          samples,
          samples / 5);
      System.out.printf(
          Locale.ROOT,
          "%-44s %8s %8s %8s %10s%n",
          "operation (through the store)",
          "p50",
          "p99",
          "max",
          "p99 target");
      print("tracking-number lookup", lookups, LOOKUP_TARGET_MICROS);
      print("list: site+status+priority, by date, 50", lists, LIST_TARGET_MICROS);
      if (!keep) {
        JdbcBench.dropTables(dataSource.physical(), PREFIX);
      }
    }
  }

  /** The store on loaded, analysed tables; loads them unless kept ones hold {@code rows}. */
  private static WorkOrderStore load(JdbcBench.OneConnection dataSource, int rows)
      throws SQLException {
    WorkOrderStore store = JdbcStore.builder(dataSource).tablePrefix(PREFIX).build();
    try (Statement s = dataSource.physical().createStatement()) {
      long existing;
      try (var count =
          s.executeQuery(
              "SELECT COUNT(*) FROM " + PREFIX + "work_order WHERE subscriber <> 'template'")) {
        count.next();
        existing = count.getLong(1);
      }
      if (existing == rows) {
        System.out.printf(Locale.ROOT, "reusing %,d kept work orders%n", rows);
        return store;
      }
      s.execute("TRUNCATE " + PREFIX + "work_order");
      WorkOrder template =
          WorkOrder.dispatch(
                  Fixtures.dispatch().subscriber("template").trackingNumber("000000000").build(),
                  Fixtures.T0)
              .after();
      store.inTransaction(
          (StoreTransaction tx) -> {
            tx.workOrders().insert(template);
            return null;
          });
      long start = System.nanoTime();
      s.execute("SET synchronous_commit = off");
      s.execute("SELECT setseed(0.42)");
      s.executeUpdate(JdbcBench.generate(PREFIX + "work_order", rows, SUBSCRIBERS, SITES));
      s.execute("VACUUM ANALYZE " + PREFIX + "work_order");
      s.execute("SET synchronous_commit = on");
      System.out.printf(
          Locale.ROOT,
          "loaded and analysed %,d work orders in %.1f s%n",
          rows,
          (System.nanoTime() - start) / 1e9);
    }
    return store;
  }

  /** Latencies in microseconds of {@code samples} calls, after a fifth as many to warm up. */
  private static long[] measure(int samples, IntConsumer call) {
    for (int i = 0; i < samples / 5; i++) {
      call.accept(i);
    }
    long[] micros = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      call.accept(i);
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    return micros;
  }

  private static void print(String name, long[] sorted, long targetMicros) {
    long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    System.out.printf(
        Locale.ROOT,
        "%-44s %8d %8d %8d %10s%n",
        name,
        sorted[(sorted.length - 1) / 2],
        p99,
        sorted[sorted.length - 1],
        "< " + targetMicros + (p99 < targetMicros ? " ok" : " MISSED"));
  }
}
