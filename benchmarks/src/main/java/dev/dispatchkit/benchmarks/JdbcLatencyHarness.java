package dev.dispatchkit.benchmarks;

import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.jdbc.testsupport.WorkOrderRows;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Latency of the reads a portal and the sweep make, through the store, on a large PostgreSQL table:
 * loads generated work orders (10,000,000 by default, 1,000 subscribers, 5,000 providers) into the
 * adapter's schema with one set-based {@code INSERT ... SELECT}, then times, after a warm-up of a
 * fifth as many calls, the tracking-number lookup, a provider's filtered list (page 1 and page 200,
 * the latter by keyset), and the sweep's keyset scans, and prints p50, p99 and max of each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.JdbcLatencyHarness \
 *     [--url jdbc:postgresql://...] [--rows 10000000] [--samples 2000] [--sweep-pages 0] \
 *     [--prefix dkharness_] [--keep | --drop]
 * </pre>
 *
 * <p>The URL defaults to {@code DISPATCHKIT_TEST_POSTGRES_URL}. The tables use the prefix {@code
 * dkharness_} unless {@code --prefix} names another. They are dropped at the end unless {@code
 * --keep} is given; a kept table that holds the requested row count is reused by the next run,
 * without loading again. {@code --drop} only drops them. {@code --sweep-pages} caps each sweep scan
 * (0: the whole scan).
 */
public final class JdbcLatencyHarness {
  /** The table prefix: {@code --prefix}, so that two runs on one database do not collide. */
  private static String prefix = "dkharness_";

  private static final int SUBSCRIBERS = 1_000;
  private static final int PROVIDERS = 5_000;
  private static final int SITES = 5_000;
  private static final int PAGE = 50;
  private static final int DEEP_PAGE = 200;
  private static final long LOOKUP_TARGET_MICROS = 2_000;
  private static final long LIST_TARGET_MICROS = 20_000;
  private static final long DEEP_LIST_TARGET_MICROS = 50_000;
  private static final Instant AS_OF = Instant.parse("2026-03-02T08:00:00Z");
  private static final DispatchPolicies POLICIES = DispatchPolicies.defaults();

  /** The statuses of a provider's list in the page-1 / page-200 measurement. */
  private static final Set<PrimaryStatus> LIST_STATUSES =
      Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS, PrimaryStatus.COMPLETED);

  private JdbcLatencyHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws SQLException {
    String url = "";
    int rows = 10_000_000;
    int samples = 2_000;
    int sweepPages = 0;
    boolean keep = false;
    boolean dropOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--sweep-pages" -> sweepPages = Integer.parseInt(args[++i]);
        case "--prefix" -> prefix = args[++i];
        case "--keep" -> keep = true;
        case "--drop" -> dropOnly = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (JdbcBench.OneConnection dataSource =
        new JdbcBench.OneConnection(JdbcBench.url(url), true)) {
      if (dropOnly) {
        JdbcBench.dropTables(dataSource.physical(), prefix);
        System.out.println("dropped the " + prefix + " tables");
        return;
      }
      WorkOrderStore store = load(dataSource, rows);
      Random random = new Random(7);
      Map<String, long[]> results = new LinkedHashMap<>();
      Map<String, Long> targets = new LinkedHashMap<>();

      int total = rows;
      results.put(
          "tracking-number lookup",
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
              }));
      targets.put("tracking-number lookup", LOOKUP_TARGET_MICROS);

      List<WorkOrderQuery> everyFilter = everyFilterQueries(dataSource.physical());
      results.put(
          "provider list, every filter, page 1",
          measure(
              samples,
              i -> {
                WorkOrderPage page =
                    list(store, everyFilter.get(random.nextInt(everyFilter.size())));
                if (page.items().isEmpty()) {
                  throw new IllegalStateException("the filter of a real late order found none");
                }
              }));
      targets.put("provider list, every filter, page 1", LIST_TARGET_MICROS);

      List<WorkOrderQuery> bigProviders = bigProviderQueries(store);
      List<WorkOrderQuery> deepPages = new ArrayList<>();
      for (WorkOrderQuery first : bigProviders) {
        deepPages.add(deepPage(store, first));
      }
      System.out.printf(
          Locale.ROOT,
          "%d providers with more than %,d matches for the status + priority list%n",
          bigProviders.size(),
          DEEP_PAGE * PAGE);
      results.put(
          "provider list, status + priority, page 1, exact total",
          measure(
              samples, i -> list(store, bigProviders.get(random.nextInt(bigProviders.size())))));
      targets.put("provider list, status + priority, page 1, exact total", LIST_TARGET_MICROS);
      results.put(
          "same, page 200 by keyset (after), exact total",
          measure(
              samples,
              i -> {
                WorkOrderPage page = list(store, deepPages.get(random.nextInt(deepPages.size())));
                if (page.items().size() != PAGE) {
                  throw new IllegalStateException("page 200 is not full");
                }
              }));
      targets.put("same, page 200 by keyset (after), exact total", DEEP_LIST_TARGET_MICROS);
      // The same pages with the default count cap (10,000) instead of the exact total.
      List<WorkOrderQuery> cappedFirst = bigProviders.stream().map(q -> capped(q)).toList();
      List<WorkOrderQuery> cappedDeep = deepPages.stream().map(q -> capped(q)).toList();
      results.put(
          "same, page 1, total capped at 10,000",
          measure(
              samples,
              i -> {
                WorkOrderPage page =
                    list(store, cappedFirst.get(random.nextInt(cappedFirst.size())));
                if (page.totalExact() || page.total() != WorkOrderQuery.DEFAULT_COUNT_CAP) {
                  throw new IllegalStateException("a large provider's total is not capped");
                }
              }));
      targets.put("same, page 1, total capped at 10,000", LIST_TARGET_MICROS);
      results.put(
          "same, page 200 by keyset, total capped at 10,000",
          measure(
              samples,
              i -> {
                WorkOrderPage page = list(store, cappedDeep.get(random.nextInt(cappedDeep.size())));
                if (page.items().size() != PAGE || page.totalExact()) {
                  throw new IllegalStateException("page 200 is not full, or its total not capped");
                }
              }));
      targets.put("same, page 200 by keyset, total capped at 10,000", DEEP_LIST_TARGET_MICROS);
      results.put(
          "same, page 1, items only (listItems: no count)",
          measure(
              samples, i -> items(store, bigProviders.get(random.nextInt(bigProviders.size())))));
      results.put(
          "same, page 200 by keyset, items only",
          measure(samples, i -> items(store, deepPages.get(random.nextInt(deepPages.size())))));
      results.put(
          "same, page 200 by offset (for comparison)",
          measure(
              Math.max(10, samples / 10),
              i -> {
                WorkOrderQuery first = bigProviders.get(random.nextInt(bigProviders.size()));
                list(store, copy(first).page((DEEP_PAGE - 1) * PAGE, PAGE).build());
              }));

      Map<String, String> sweepTotals = new LinkedHashMap<>();
      for (WorkOrderQuery.Flag flag :
          List.of(
              WorkOrderQuery.Flag.RESPONSE_OVERDUE,
              WorkOrderQuery.Flag.LATE,
              WorkOrderQuery.Flag.REASSIGNABLE)) {
        String name = "sweep scan " + flag + ", a page of " + WorkOrderQuery.MAX_LIMIT;
        List<Long> pages = new ArrayList<>();
        long scanned = 0;
        long start = System.nanoTime();
        WorkOrderQuery.After after = null;
        while (sweepPages == 0 || pages.size() < sweepPages) {
          long pageStart = System.nanoTime();
          WorkOrderQuery query = sweepPage(flag, after);
          List<WorkOrder> page =
              store.inTransaction((StoreTransaction tx) -> tx.workOrders().listItems(query));
          pages.add((System.nanoTime() - pageStart) / 1_000);
          scanned += page.size();
          if (page.size() < WorkOrderQuery.MAX_LIMIT) {
            break;
          }
          after = WorkOrderQuery.After.of(page.get(page.size() - 1));
        }
        long[] sorted = pages.stream().mapToLong(Long::longValue).sorted().toArray();
        results.put(name, sorted);
        sweepTotals.put(
            name,
            String.format(
                Locale.ROOT,
                "%,d pages, %,d work orders in %.1f s",
                sorted.length,
                scanned,
                (System.nanoTime() - start) / 1e9));
      }

      System.out.printf(
          Locale.ROOT,
          "%nPostgreSQL, %,d work orders, %,d samples each after %,d warm-up (microseconds)%n",
          rows,
          samples,
          samples / 5);
      System.out.printf(
          Locale.ROOT,
          "%-56s %8s %8s %8s %14s%n",
          "operation (through the store)",
          "p50",
          "p99",
          "max",
          "p99 target");
      results.forEach((name, sorted) -> print(name, sorted, targets.get(name)));
      sweepTotals.forEach((name, text) -> System.out.println(name + ": " + text));
      if (!keep) {
        JdbcBench.dropTables(dataSource.physical(), prefix);
      }
    }
  }

  private static WorkOrderPage list(WorkOrderStore store, WorkOrderQuery query) {
    return store.inTransaction((StoreTransaction tx) -> tx.workOrders().list(query));
  }

  private static List<WorkOrder> items(WorkOrderStore store, WorkOrderQuery query) {
    return store.inTransaction((StoreTransaction tx) -> tx.workOrders().listItems(query));
  }

  /**
   * A provider's list with every filter a portal offers (site, subscriber, priority, open or in
   * progress, late, by expected date), each with the values of a late work order drawn at random
   * from the table, so that every one finds something.
   */
  private static List<WorkOrderQuery> everyFilterQueries(Connection c) throws SQLException {
    List<WorkOrderQuery> queries = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT provider, subscriber, site_name, priority FROM "
                + prefix
                + "work_order TABLESAMPLE SYSTEM (1) REPEATABLE (7)"
                + " WHERE status_primary IN ('OPEN', 'IN_PROGRESS')"
                + " AND status_extended <> 'ON_SITE' AND expected_at < ? LIMIT 500")) {
      s.setObject(1, java.time.OffsetDateTime.ofInstant(AS_OF, java.time.ZoneOffset.UTC));
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          queries.add(
              WorkOrderQuery.builder(AS_OF, POLICIES)
                  .provider(ProviderId.of(rows.getString(1)))
                  .subscriber(SubscriberId.of(rows.getString(2)))
                  .siteName(rows.getString(3))
                  .priorities(Set.of(Priority.valueOf(rows.getString(4))))
                  .primaryStatuses(Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS))
                  .flags(Set.of(WorkOrderQuery.Flag.LATE))
                  .sort(WorkOrderQuery.Sort.EXPECTED_DATE_ASC)
                  .page(0, PAGE)
                  .build());
        }
      }
    }
    if (queries.isEmpty()) {
      throw new IllegalStateException("no late work order in the sample");
    }
    return queries;
  }

  /**
   * Page 1 of the providers' lists (open, in progress or completed; not urgent; by expected date)
   * that have a page 200: among the 100 largest providers, those with more than 10,000 matches.
   */
  private static List<WorkOrderQuery> bigProviderQueries(WorkOrderStore store) {
    List<WorkOrderQuery> queries = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      WorkOrderQuery query =
          WorkOrderQuery.builder(AS_OF, POLICIES)
              .provider(ProviderId.of("provider-" + n))
              .primaryStatuses(LIST_STATUSES)
              .priorities(Set.of(Priority.NON_URGENT))
              .sort(WorkOrderQuery.Sort.EXPECTED_DATE_ASC)
              .page(0, PAGE)
              .exactTotal()
              .build();
      if (list(store, query).total() > (long) DEEP_PAGE * PAGE) {
        queries.add(query);
      }
    }
    if (queries.isEmpty()) {
      throw new IllegalStateException("no provider has a page " + DEEP_PAGE);
    }
    return queries;
  }

  /** Page 200 of the query by keyset: after the last work order of page 199. */
  private static WorkOrderQuery deepPage(WorkOrderStore store, WorkOrderQuery first) {
    WorkOrder last =
        list(store, copy(first).page((DEEP_PAGE - 1) * PAGE - 1, 1).build()).items().get(0);
    return copy(first).after(WorkOrderQuery.After.of(last)).build();
  }

  /** A builder with the filters, sort and count of a provider's list query. */
  private static WorkOrderQuery.Builder copy(WorkOrderQuery query) {
    WorkOrderQuery.Builder copy =
        WorkOrderQuery.builder(query.asOf(), query.policies())
            .provider(query.provider())
            .primaryStatuses(query.primaryStatuses())
            .priorities(query.priorities())
            .sort(query.sort())
            .page(query.offset(), query.limit());
    return query.countsEveryMatch() ? copy.exactTotal() : copy.countUpTo(query.countCap());
  }

  /** The query with the default count cap instead of its own. */
  private static WorkOrderQuery capped(WorkOrderQuery query) {
    return copy(query).after(query.after()).countUpTo(WorkOrderQuery.DEFAULT_COUNT_CAP).build();
  }

  /**
   * The query the sweep pages with (see {@code Sweeping}): one flag, 500 a page, by keyset, read
   * with {@code listItems} (no count).
   */
  private static WorkOrderQuery sweepPage(WorkOrderQuery.Flag flag, WorkOrderQuery.After after) {
    return WorkOrderQuery.builder(AS_OF, POLICIES)
        .flags(Set.of(flag))
        .page(0, WorkOrderQuery.MAX_LIMIT)
        .after(after)
        .build();
  }

  /**
   * The store on loaded, analysed tables; loads them unless kept ones hold {@code rows}. The
   * secondary indexes of the work-order table (as the migrations made them) are dropped before the
   * load and made again after it, which is quicker than updating them row by row.
   */
  private static WorkOrderStore load(JdbcBench.OneConnection dataSource, int rows)
      throws SQLException {
    WorkOrderStore store = JdbcStore.builder(dataSource).tablePrefix(prefix).build();
    String table = prefix + "work_order";
    try (Statement s = dataSource.physical().createStatement()) {
      long existing;
      try (ResultSet count =
          s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE subscriber <> 'template'")) {
        count.next();
        existing = count.getLong(1);
      }
      if (existing == rows) {
        System.out.printf(Locale.ROOT, "reusing %,d kept work orders%n", rows);
        printSize(s, table);
        return store;
      }
      s.execute("TRUNCATE " + table);
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
      List<String> indexes = new ArrayList<>();
      try (ResultSet defs =
          s.executeQuery(
              "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '"
                  + table
                  + "' AND indexname <> '"
                  + table
                  + "_pk'")) {
        while (defs.next()) {
          indexes.add(defs.getString(2));
          System.out.println("index after the load: " + defs.getString(1));
        }
      }
      for (String def : indexes) {
        s.execute("DROP INDEX " + def.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2"));
      }
      long start = System.nanoTime();
      s.execute("SET synchronous_commit = off");
      s.execute("SET maintenance_work_mem = '512MB'");
      s.execute("SELECT setseed(0.42)");
      s.executeUpdate(
          new WorkOrderRows(
                  rows, SUBSCRIBERS, PROVIDERS, SITES, LocalDate.of(2023, 7, 1), 1095, true)
              .insertInto(table));
      long inserted = System.nanoTime();
      for (String def : indexes) {
        s.execute(def);
      }
      long indexed = System.nanoTime();
      s.execute("VACUUM ANALYZE " + table);
      s.execute("SET synchronous_commit = on");
      long done = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "loaded %,d work orders in %.1f s: insert %.1f s, %d indexes %.1f s, VACUUM ANALYZE"
              + " %.1f s%n",
          rows,
          (done - start) / 1e9,
          (inserted - start) / 1e9,
          indexes.size(),
          (indexed - inserted) / 1e9,
          (done - indexed) / 1e9);
      printSize(s, table);
    }
    return store;
  }

  private static void printSize(Statement s, String table) throws SQLException {
    try (ResultSet size =
        s.executeQuery(
            "SELECT pg_size_pretty(pg_relation_size('"
                + table
                + "')), pg_size_pretty(pg_indexes_size('"
                + table
                + "'))")) {
      size.next();
      System.out.println("table " + size.getString(1) + ", indexes " + size.getString(2));
    }
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

  private static void print(String name, long[] sorted, Long targetMicros) {
    long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    System.out.printf(
        Locale.ROOT,
        "%-56s %8d %8d %8d %14s%n",
        name,
        sorted[(sorted.length - 1) / 2],
        p99,
        sorted[sorted.length - 1],
        targetMicros == null
            ? "-"
            : "< " + targetMicros + (p99 < targetMicros ? " ok" : " MISSED"));
  }
}
