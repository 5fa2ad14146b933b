package dev.dispatchkit.benchmarks;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.jdbc.testsupport.RoundTripCounter;
import dev.dispatchkit.jdbc.testsupport.RoundTripSockets;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.Transitions;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Inbound replies applied per second on PostgreSQL or MariaDB: through the store (inbox record,
 * work-order optimistic update, timeline event and outbox mail in one {@code inTransaction})
 * against a hand-written JDBC transaction of the same statements on the same tables. Both sides use
 * the same single reused connection; each starts on freshly created tables holding 10,000 generated
 * work orders (each side notes replies on its own half).
 *
 * <p>Both sides do the same logical work in one transaction: insert the inbox row (refusing a
 * duplicate), read the work order, decide, update it with the optimistic version check, insert the
 * timeline event and the outbox mail, commit. The raw side reads what a hand-written apply needs to
 * decide and write (status, version and notes; the status is checked against the transition table)
 * and appends the note to the stored text; the store reads and decodes the whole work order, which
 * its API returns, and encodes the note list and the event payload with its codec.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.JdbcApplyBenchmark
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.JdbcApplyBenchmark --jmh
 * java -jar benchmarks/target/benchmarks.jar JdbcApply -p url=jdbc:postgresql://host/db?user=u
 * </pre>
 *
 * <p>The URL is the {@code url} parameter or else {@code DISPATCHKIT_TEST_POSTGRES_URL} ({@code
 * DISPATCHKIT_TEST_MARIADB_URL} with {@code database=mariadb}). The tables use the prefix {@code
 * dkbench_apply_} and are dropped afterwards. On PostgreSQL commits are asynchronous ({@code
 * synchronous_commit=off}, parameter {@code synchronousCommit}) so that the figure is the cost of
 * the statements and the adapter rather than of the disk's flush, which both sides would pay alike;
 * MariaDB has no such session setting, and its commits follow the server's {@code
 * innodb_flush_log_at_trx_commit}. The main method runs both sides interleaved and prints store/raw
 * and each side's round trips per reply, counted with the adapter's {@link RoundTripCounter} (see
 * {@link #main}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class JdbcApplyBenchmark {
  private static final String PREFIX = "dkbench_apply_";
  private static final int ORDERS = 10_000;
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  /** {@code postgresql} or {@code mariadb}: which variable an empty {@link #url} comes from. */
  @Param({"postgresql"})
  public String database;

  /** The JDBC URL of the database; empty for the variable of {@link #database}. */
  @Param({""})
  public String url;

  /** Whether each commit waits for the disk ({@code synchronous_commit}). */
  @Param({"false"})
  public boolean synchronousCommit;

  private JdbcBench.OneConnection dataSource;
  private boolean mariaDb;
  private String jdbcUrl;

  /** What the store side runs on; the same connection as {@link #rawSource}. */
  private WorkOrderStore store;

  /** What the raw side runs on. */
  private DataSource rawSource;

  private List<WorkOrderKey> storeKeys;
  private List<WorkOrderKey> rawKeys;
  private long next;

  /** Fresh tables, migrated by the store, with generated work orders. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String jdbcUrl =
        JdbcBench.url(
            url,
            database.equals("mariadb") ? JdbcBench.MARIADB_URL_VARIABLE : JdbcBench.URL_VARIABLE);
    mariaDb = JdbcBench.isMariaDb(jdbcUrl);
    this.jdbcUrl = jdbcUrl;
    dataSource = new JdbcBench.OneConnection(jdbcUrl, synchronousCommit);
    rawSource = dataSource;
    Connection c = dataSource.physical();
    JdbcBench.dropTables(c, PREFIX);
    store = JdbcStore.builder(dataSource).tablePrefix(PREFIX).build();
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
    if (mariaDb) {
      generateThroughTheStore();
    }
    List<WorkOrderKey> keys = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      if (!mariaDb) {
        s.execute("SELECT setseed(0.42)");
        s.executeUpdate(JdbcBench.generate(PREFIX + "work_order", ORDERS, 200, 2_000));
        s.execute("ANALYZE " + PREFIX + "work_order");
      }
      try (ResultSet rows =
          s.executeQuery(
              "SELECT subscriber, tracking_number FROM "
                  + PREFIX
                  + "work_order WHERE subscriber <> 'template' ORDER BY tracking_number")) {
        while (rows.next()) {
          keys.add(
              new WorkOrderKey(
                  SubscriberId.of(rows.getString(1)), TrackingNumber.of(rows.getString(2))));
        }
      }
    }
    storeKeys = keys.subList(0, ORDERS / 2);
    rawKeys = keys.subList(ORDERS / 2, ORDERS);
  }

  /**
   * The work orders on MariaDB, where the generator's {@code generate_series} does not exist: one
   * transaction of inserts through the store, 200 subscribers, every order open.
   */
  private void generateThroughTheStore() {
    store.inTransaction(
        (StoreTransaction tx) -> {
          for (int i = 1; i <= ORDERS; i++) {
            tx.workOrders()
                .insert(
                    WorkOrder.dispatch(
                            Fixtures.dispatch()
                                .subscriber("client-" + (i % 200))
                                .trackingNumber(String.format(Locale.ROOT, "%09d", i))
                                .build(),
                            Fixtures.T0)
                        .after());
          }
          return null;
        });
  }

  /** Drops the tables. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    JdbcBench.dropTables(dataSource.physical(), PREFIX);
    dataSource.close();
  }

  /** One reply through the store: the statements the facade's reply handling runs. */
  @Benchmark
  public WorkOrder store() {
    long i = next++;
    WorkOrderKey key = storeKeys.get((int) (i % storeKeys.size()));
    return store.inTransaction(
        (StoreTransaction tx) -> {
          InboxRecord record =
              new InboxRecord(
                  messageId("s", i),
                  messageId("s", i),
                  Fixtures.PROVIDER_ADDRESS,
                  AT,
                  Intent.UNCLEAR,
                  "unclear",
                  key,
                  "applied",
                  false);
          if (!tx.inbox().record(record)) {
            throw new IllegalStateException("reply " + i + " already recorded");
          }
          WorkOrder current = tx.workOrders().find(key).orElseThrow();
          Change change =
              current.handle(new WorkOrderCommand.AddNote(noteText(i), NoteAuthor.PROVIDER), AT);
          tx.workOrders().update(change.after(), current.version());
          tx.timeline().append(key, change.event());
          tx.outbox()
              .enqueue(
                  new OutboundMail(
                      "s-" + i,
                      "notice-s-" + i + "@host.example",
                      MailKind.NOTIFICATION,
                      "dispatch@host.example",
                      null,
                      List.of(Fixtures.CLIENT_ADDRESS),
                      "Work order #" + key.trackingNumber().value(),
                      noteText(i),
                      null,
                      null,
                      messageId("s", i),
                      Map.of()),
                  AT);
          return change.after();
        });
  }

  /** The same reply as a hand-written JDBC transaction of the same statements. */
  @Benchmark
  public long raw() throws SQLException {
    long i = next++;
    WorkOrderKey key = rawKeys.get((int) (i % rawKeys.size()));
    String subscriber = key.subscriber().value();
    String tracking = key.trackingNumber().value();
    // What each driver binds to the instant columns: TIMESTAMPTZ, or DATETIME(6) holding UTC.
    Object at =
        mariaDb
            ? LocalDateTime.ofInstant(AT, ZoneOffset.UTC)
            : OffsetDateTime.ofInstant(AT, ZoneOffset.UTC);
    try (Connection c = rawSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement inbox =
            c.prepareStatement(
                "INSERT INTO "
                    + PREFIX
                    + "inbox (dedup_hash, dedup_key, message_id, sender, received_at, intent,"
                    + " reason, subscriber, tracking_number, outcome, needs_review)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    // MariaDB: a duplicate fails with error 1062, caught below, as the store does.
                    + (mariaDb ? "" : " ON CONFLICT DO NOTHING"))) {
          String id = messageId("r", i);
          inbox.setString(1, sha256(id));
          inbox.setString(2, id);
          inbox.setString(3, id);
          inbox.setString(4, Fixtures.PROVIDER_ADDRESS);
          inbox.setObject(5, at);
          inbox.setString(6, "UNCLEAR");
          inbox.setString(7, "unclear");
          inbox.setString(8, subscriber);
          inbox.setString(9, tracking);
          inbox.setString(10, "applied");
          inbox.setBoolean(11, false);
          int recorded;
          try {
            recorded = inbox.executeUpdate();
          } catch (SQLException e) {
            if (mariaDb && e.getErrorCode() == 1062) {
              recorded = 0;
            } else {
              throw e;
            }
          }
          if (recorded != 1) {
            throw new IllegalStateException("reply " + i + " already recorded");
          }
        }
        // What a hand-written apply must read before it writes: the status (is a note allowed
        // now?), the version (for the optimistic check) and the notes it appends to.
        long version;
        String notes;
        try (PreparedStatement find =
            c.prepareStatement(
                "SELECT status_primary, status_extended, version, notes FROM "
                    + PREFIX
                    + "work_order WHERE subscriber = ? AND tracking_number = ?")) {
          find.setString(1, subscriber);
          find.setString(2, tracking);
          try (ResultSet rows = find.executeQuery()) {
            if (!rows.next()) {
              throw new IllegalStateException("no work order " + key);
            }
            Status status =
                Status.of(
                    PrimaryStatus.valueOf(rows.getString(1)),
                    ExtendedStatus.valueOf(rows.getString(2)));
            if (Transitions.target(status, CommandKind.ADD_NOTE).isEmpty()) {
              throw new IllegalStateException("no note allowed in " + status);
            }
            version = rows.getLong(3);
            notes = rows.getString(4);
          }
        }
        try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE "
                    + PREFIX
                    + "work_order SET notes = ?, version = ?"
                    + " WHERE subscriber = ? AND tracking_number = ? AND version = ?")) {
          update.setString(1, appendNote(notes, noteText(i), "PROVIDER", AT.toString()));
          update.setLong(2, version + 1);
          update.setString(3, subscriber);
          update.setString(4, tracking);
          update.setLong(5, version);
          if (update.executeUpdate() != 1) {
            throw new IllegalStateException("concurrent update of " + key);
          }
        }
        try (PreparedStatement event =
            c.prepareStatement(
                "INSERT INTO "
                    + PREFIX
                    + "event (subscriber, tracking_number, version, kind, occurred_at, payload)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
          event.setString(1, subscriber);
          event.setString(2, tracking);
          event.setLong(3, version + 1);
          event.setString(4, "ADD_NOTE");
          event.setObject(5, at);
          event.setString(6, "PROVIDER " + noteText(i));
          event.executeUpdate();
        }
        try (PreparedStatement outbox =
            c.prepareStatement(
                "INSERT INTO "
                    + PREFIX
                    + "outbox (id, message_id, kind, mail_from, reply_to, recipients, subject,"
                    + " text_body, html_body, envelope_from, in_reply_to, headers, state,"
                    + " attempts, next_attempt_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL,"
                    + " ?, '', 'PENDING', 0, ?)")) {
          outbox.setString(1, "r-" + i);
          outbox.setString(2, "notice-r-" + i + "@host.example");
          outbox.setString(3, "NOTIFICATION");
          outbox.setString(4, "dispatch@host.example");
          outbox.setString(5, Fixtures.CLIENT_ADDRESS);
          outbox.setString(6, "Work order #" + tracking);
          outbox.setString(7, noteText(i));
          outbox.setString(8, messageId("r", i));
          outbox.setObject(9, at);
          outbox.executeUpdate();
        }
        c.commit();
        return version + 1;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * The process id of the PostgreSQL backend of the benchmark's connection when its time can be
   * read here ({@link BackendCpu#isLocal}); else -1 (and always on MariaDB).
   */
  int backendPid() throws SQLException {
    if (mariaDb || !BackendCpu.isLocal(jdbcUrl)) {
      return -1;
    }
    try (Statement s = dataSource.physical().createStatement();
        ResultSet rows = s.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /**
   * What each side costs per reply, counted: the calls of {@link RoundTripCounter}, by kind, and on
   * PostgreSQL the network round trips of {@link RoundTripSockets} (NaN where not counted).
   */
  record RoundTrips(
      double total,
      double statements,
      double transactionEnds,
      double modeSwitches,
      double network) {
    @Override
    public String toString() {
      return String.format(
              Locale.ROOT,
              "%.1f (%.1f statements, %.1f commits/rollbacks, %.1f auto-commit switches)",
              total,
              statements,
              transactionEnds,
              modeSwitches)
          + (Double.isNaN(network)
              ? ""
              : String.format(Locale.ROOT, ", %.1f network round trips", network));
    }
  }

  /**
   * Counts the calls of {@code replies} replies per side, on the same connection through a {@link
   * RoundTripCounter} (a store of its own on the counting data source, the same tables), outside
   * the timed rounds: the proxies cost time, not calls.
   */
  RoundTrips[] countRoundTrips(int replies) throws SQLException {
    RoundTripCounter counter = new RoundTripCounter();
    // PostgreSQL: a connection of its own whose socket counts the network round trips too.
    String sockets = mariaDb ? null : RoundTripSockets.newCounter();
    JdbcBench.OneConnection wired =
        sockets == null ? null : new JdbcBench.OneConnection(jdbcUrl, synchronousCommit, sockets);
    DataSource counted = counter.wrap(wired == null ? dataSource : wired);
    WorkOrderStore timedStore = store;
    DataSource timedRaw = rawSource;
    store = JdbcStore.builder(counted).tablePrefix(PREFIX).migrate(false).build();
    rawSource = counted;
    try {
      // Warm: past pgjdbc's prepare threshold on the new connection.
      for (int i = 0; i < 10; i++) {
        store();
        raw();
      }
      reset(counter, sockets);
      for (int i = 0; i < replies; i++) {
        store();
      }
      RoundTrips storeSide = perReply(counter, sockets, replies);
      reset(counter, sockets);
      for (int i = 0; i < replies; i++) {
        raw();
      }
      return new RoundTrips[] {storeSide, perReply(counter, sockets, replies)};
    } finally {
      store = timedStore;
      rawSource = timedRaw;
      if (wired != null) {
        wired.close();
        RoundTripSockets.remove(sockets);
      }
    }
  }

  private static void reset(RoundTripCounter counter, @Nullable String sockets) {
    counter.reset();
    if (sockets != null) {
      RoundTripSockets.reset(sockets);
    }
  }

  private static RoundTrips perReply(
      RoundTripCounter counter, @Nullable String sockets, int replies) {
    return new RoundTrips(
        (double) counter.total() / replies,
        (double) counter.count(RoundTripCounter.Kind.STATEMENT) / replies,
        (double) counter.count(RoundTripCounter.Kind.TRANSACTION_END) / replies,
        (double) counter.count(RoundTripCounter.Kind.MODE_SWITCH) / replies,
        sockets == null ? Double.NaN : (double) RoundTripSockets.roundTrips(sockets) / replies);
  }

  /**
   * Appends a note to a note list in the store's text encoding, as hand-written code sharing the
   * schema must: the list's size (its first field) goes up by one and the note's three fields
   * follow the others. Nothing else is decoded.
   */
  private static String appendNote(String notes, String text, String author, String at) {
    int colon = notes.indexOf(':');
    int length = Integer.parseInt(notes.substring(0, colon));
    int size = Integer.parseInt(notes.substring(colon + 1, colon + 1 + length));
    return field(Integer.toString(size + 1))
        + notes.substring(colon + 1 + length)
        + field(text)
        + field(author)
        + field(at);
  }

  private static String field(String text) {
    return text.length() + ":" + text;
  }

  private static String messageId(String side, long i) {
    return "<reply-" + side + "-" + i + "@acme-plumbing.example>";
  }

  private static String noteText(long i) {
    return "Reply " + i + ": technician on site tomorrow morning, parts ordered.";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Prints the store's throughput as a share of the raw transaction's.
   *
   * <p>By default the two sides run interleaved in one process: after a warm-up, {@code --rounds}
   * rounds (40) of {@code --block} replies (200) through the store, then as many raw, each round
   * giving one ratio; it prints the median ratio and its spread. Interleaving is what makes the
   * ratio mean something on a shared machine, where the load changes within seconds: two JMH runs
   * one after the other measure the sides under different loads. {@code --jmh} runs the two JMH
   * benchmarks instead, one after the other, passing the remaining options to JMH. Before the timed
   * rounds it counts each side's round trips per reply over 100 replies ({@link #countRoundTrips}).
   * {@code --each-round} prints each round's two times as well.
   *
   * <pre>
   * java -cp benchmarks.jar dev.dispatchkit.benchmarks.JdbcApplyBenchmark [--database mariadb]
   *     [--url U] [--rounds 40] [--block 200] [--synchronous-commit] [--each-round]
   * java -cp benchmarks.jar dev.dispatchkit.benchmarks.JdbcApplyBenchmark --jmh [JMH options]
   * </pre>
   */
  public static void main(String[] args)
      throws RunnerException, CommandLineOptionException, SQLException {
    if (args.length > 0 && args[0].equals("--jmh")) {
      jmh(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    JdbcApplyBenchmark bench = new JdbcApplyBenchmark();
    bench.url = "";
    bench.database = "postgresql";
    bench.synchronousCommit = false;
    int rounds = 40;
    int block = 200;
    boolean eachRound = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> bench.url = args[++i];
        case "--database" -> bench.database = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--block" -> block = Integer.parseInt(args[++i]);
        case "--synchronous-commit" -> bench.synchronousCommit = true;
        case "--each-round" -> eachRound = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    bench.setUp();
    try {
      for (int i = 0; i < 15 * block; i++) {
        bench.store();
        bench.raw();
      }
      RoundTrips[] roundTrips = bench.countRoundTrips(100);
      double[] ratios = new double[rounds];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      // The backend serving the benchmark's connection (PostgreSQL on this machine; else -1).
      int backend = bench.backendPid();
      long storeServer = 0;
      long rawServer = 0;
      long storeCpu = 0;
      long rawCpu = 0;
      long storeNanos = 0;
      long rawNanos = 0;
      for (int r = 0; r < rounds; r++) {
        long startServer = backend < 0 ? 0 : BackendCpu.ofProcess(backend);
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < block; i++) {
          bench.store();
        }
        long middle = System.nanoTime();
        long middleCpu = threads.getCurrentThreadCpuTime();
        long middleServer = backend < 0 ? 0 : BackendCpu.ofProcess(backend);
        for (int i = 0; i < block; i++) {
          bench.raw();
        }
        long end = System.nanoTime();
        long endCpu = threads.getCurrentThreadCpuTime();
        long endServer = backend < 0 ? 0 : BackendCpu.ofProcess(backend);
        storeServer += middleServer - startServer;
        rawServer += endServer - middleServer;
        storeCpu += middleCpu - startCpu;
        rawCpu += endCpu - middleCpu;
        storeNanos += middle - start;
        rawNanos += end - middle;
        // Replies per second of the store over those of raw JDBC, in this round.
        ratios[r] = (double) (end - middle) / (middle - start);
        if (eachRound) {
          System.out.printf(
              Locale.ROOT,
              "round %d: store %.1f ms, raw JDBC %.1f ms, store/raw %.2f%n",
              r + 1,
              (middle - start) / 1e6,
              (end - middle) / 1e6,
              ratios[r]);
        }
      }
      Arrays.sort(ratios);
      long replies = (long) rounds * block;
      System.out.printf(
          Locale.ROOT,
          "%s: replies applied per second, interleaved in %d rounds of %d: store %.0f, raw JDBC"
              + " %.0f; store/raw per round: median %.2f, 10th-90th percentile %.2f-%.2f, min"
              + " %.2f, max %.2f (target %s or more)%nround trips per reply (counted JDBC calls):"
              + " store %s; raw JDBC %s%nthe benchmark thread's CPU time per reply: store %.0f µs,"
              + " raw JDBC %.0f µs; wall time per reply: store %.0f µs, raw JDBC %.0f µs%n%s",
          bench.mariaDb ? "MariaDB" : "PostgreSQL",
          rounds,
          block,
          replies / (storeNanos / 1e9),
          replies / (rawNanos / 1e9),
          ratios[rounds / 2],
          ratios[rounds / 10],
          ratios[rounds - 1 - rounds / 10],
          ratios[0],
          ratios[rounds - 1],
          bench.mariaDb ? "0.90" : "1.00",
          roundTrips[0],
          roundTrips[1],
          storeCpu / 1e3 / replies,
          rawCpu / 1e3 / replies,
          storeNanos / 1e3 / replies,
          rawNanos / 1e3 / replies,
          backend < 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  "the server backend's CPU time per reply (10 ms ticks): store %.0f µs, raw JDBC"
                      + " %.0f µs%n",
                  storeServer / 1e3 / replies,
                  rawServer / 1e3 / replies));
    } finally {
      bench.tearDown();
    }
  }

  /** Runs the two JMH benchmarks, one after the other, and prints the ratio of their scores. */
  private static void jmh(String[] args) throws RunnerException, CommandLineOptionException {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(new CommandLineOptions(args))
                    .include(JdbcApplyBenchmark.class.getName() + "\\.")
                    .build())
            .run();
    double store = 0;
    double raw = 0;
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      double score = result.getPrimaryResult().getScore();
      if (label.endsWith(".store")) {
        store = score;
      } else if (label.endsWith(".raw")) {
        raw = score;
      }
    }
    if (store > 0 && raw > 0) {
      System.out.printf(
          Locale.ROOT,
          "%nreplies applied per second: store %.0f, raw JDBC %.0f; store/raw = %.2f"
              + " (target 1.00 or more on PostgreSQL, 0.90 on MariaDB)%n",
          store,
          raw,
          store / raw);
    } else {
      throw new StoreException("the benchmark did not produce both results", null);
    }
  }
}
