package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.jdbc.testsupport.TestPool;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One soak run: several instances, each a {@link DispatchKit} on a connection pool of its own with
 * a {@link DispatchKitRunner} relaying its outbox, share one database. Work orders are dispatched
 * first; then generated replies ({@link ReplyPlan}) are delivered to the instances for the run's
 * duration, each through {@code kit.handle}, and every mail goes to one counting sender. At the end
 * the outbox is drained and the checks of {@link SoakChecks} run.
 *
 * <p>A delivery that fails with a {@link StoreException} (a version conflict the facade's own five
 * attempts did not settle, a deadlock the store's three did not) is handled again, as a host's
 * poller would leave the message in the mailbox for its next poll; after {@value #ATTEMPTS}
 * attempts it is a failure.
 *
 * <p>The runners relay rather than a loop of {@code relayOutbox()}: the relay's wake-up after each
 * commit, its cadence and its batches are what a host runs, and they decide the outbox lag. Since
 * the instances share this JVM, a commit wakes the relays of all of them, where separate processes
 * would wake only their own: the relays contend more here than in production.
 */
public final class SoakRun {
  private static final ReplyTokens TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "soak-secret-soak-secret-soak-secret!".getBytes(StandardCharsets.US_ASCII))
          .build();
  private static final int ATTEMPTS = 20;
  private static final int QUEUE_PER_INSTANCE = 64;
  private static final Duration REQUESTS_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  private final SoakSettings settings;
  private final Supplier<DataSource> connections;
  private final String prefix;
  private final ReplyPlan plan;
  private final Consumer<String> progress;
  private final LongSupplier serverCpuNanos;

  private final CountingMailSender sender = new CountingMailSender();
  private final LongAdder conflicts = new LongAdder();
  private final Map<String, LongAdder> rollbacks = RollbackCounter.newCounts();
  private final Map<String, Long> committed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> soakRetries = new ConcurrentHashMap<>();
  private final Map<String, Queue<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final LongAdder handled = new LongAdder();
  private final SoakChecks checks = new SoakChecks();
  private final List<TestPool> pools = new ArrayList<>();
  private final List<DispatchKit> kits = new ArrayList<>();
  private final List<DispatchKitRunner> runners = new ArrayList<>();

  private SoakRun(
      SoakSettings settings,
      Supplier<DataSource> connections,
      String prefix,
      Consumer<String> progress,
      LongSupplier serverCpuNanos) {
    this.settings = settings;
    this.progress = progress;
    this.serverCpuNanos = serverCpuNanos;
    this.connections = connections;
    this.prefix = prefix;
    this.plan = new ReplyPlan(settings.seed(), settings.instances());
  }

  /**
   * Runs a soak on new tables under {@code prefix}, which it creates and leaves for the caller to
   * drop.
   *
   * @param settings what to run
   * @param connections a new physical data source on the database each time it is called: each
   *     instance pools its own
   * @param prefix the prefix of the new tables
   * @param progress told how the run goes, a line at a time
   * @return the figures and what the checks found
   * @throws Exception when the run cannot be set up or is interrupted; a failed check is in the
   *     report instead
   */
  public static SoakReport run(
      SoakSettings settings,
      Supplier<DataSource> connections,
      String prefix,
      Consumer<String> progress)
      throws Exception {
    return run(settings, connections, prefix, progress, () -> -1);
  }

  /**
   * Runs a soak as {@link #run(SoakSettings, Supplier, String, Consumer)} does, and reports the
   * database server's CPU time over the replies as well.
   *
   * @param serverCpuNanos the CPU time the server has spent on the run's connections so far, in
   *     nanoseconds; negative when it cannot tell
   */
  public static SoakReport run(
      SoakSettings settings,
      Supplier<DataSource> connections,
      String prefix,
      Consumer<String> progress,
      LongSupplier serverCpuNanos)
      throws Exception {
    return new SoakRun(settings, connections, prefix, progress, serverCpuNanos).run();
  }

  private SoakReport run() throws Exception {
    TestPool checking = new TestPool(connections.get(), 4);
    pools.add(checking);
    try {
      JdbcStore.builder(checking).tablePrefix(prefix).build();
      String database = database(checking);
      // The kits' clock runs in real time from the fixtures' instant, so that the fixtures' dates
      // (expected two days later) stay ahead of it.
      Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Fixtures.T0));
      for (int i = 0; i < settings.instances(); i++) {
        startInstance(clock);
      }
      for (int p = 0; p < settings.providers(); p++) {
        kits.get(0)
            .savePreference(Fixtures.preference(provider(p), providerAddress(p), Locale.FRENCH));
      }
      int orders = settings.ordersToDispatch();
      long t0 = System.nanoTime();
      progress.accept(String.format(Locale.ROOT, "dispatching %,d work orders", orders));
      dispatch(orders);
      Duration dispatchTime = Duration.ofNanos(System.nanoTime() - t0);
      progress.accept(
          String.format(
              Locale.ROOT,
              "dispatched in %d s; delivering replies for %s",
              dispatchTime.toSeconds(),
              settings.duration()));
      return replies(database, orders, dispatchTime, checking);
    } finally {
      runners.forEach(DispatchKitRunner::close);
      pools.forEach(TestPool::close);
    }
  }

  private void startInstance(Clock clock) {
    TestPool pool = new TestPool(connections.get(), settings.poolSize());
    pools.add(pool);
    DataSource counted = new RollbackCounter(pool, rollbacks);
    DispatchKit kit =
        DispatchKit.builder()
            .store(
                new ObservedStore(
                    JdbcStore.builder(counted).tablePrefix(prefix).migrate(false).build(),
                    conflicts,
                    committed))
            .attachmentStore(
                JdbcStore.builder(counted)
                    .tablePrefix(prefix)
                    .migrate(false)
                    .buildAttachmentStore())
            .mailSender(sender)
            .clock(clock)
            .replyTokens(TOKENS)
            .fromAddress("dispatch@host.example")
            .replyAddress("dispatch", "host.example")
            .listener(DispatchKitRunner.listener(DispatchListener.NONE))
            .build();
    // No mail source: the soak delivers the replies itself. The sweep runs once at the start, on
    // no work orders yet, and next after an hour: no overdue or late event joins the timelines.
    DispatchKitRunner runner =
        DispatchKitRunner.builder(kit)
            .relayInterval(Duration.ofSeconds(1))
            .sweepInterval(Duration.ofHours(1))
            .build();
    runner.start();
    kits.add(kit);
    runners.add(runner);
  }

  /** Dispatches the work orders from every instance at once, and waits for their requests. */
  private void dispatch(int orders) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(settings.instances());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < settings.instances(); i++) {
        DispatchKit kit = kits.get(i);
        int first = i;
        done.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      for (int o = first; o < orders; o += settings.instances()) {
                        int order = o;
                        retrying(
                            () ->
                                kit.dispatch(
                                    Fixtures.dispatch()
                                        .trackingNumber(tracking(order))
                                        .provider(provider(order % settings.providers()))
                                        .build()));
                      }
                      return null;
                    }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long deadline = System.nanoTime() + REQUESTS_TIMEOUT.toNanos();
    while (sender.requests().size() < orders) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "only " + sender.requests().size() + " of " + orders + " requests sent in time");
      }
      Thread.sleep(20);
    }
  }

  private SoakReport replies(
      String database, int orders, Duration dispatchTime, DataSource checking) throws Exception {
    List<BlockingQueue<ReplyPlan.Delivery>> queues = new ArrayList<>();
    for (int i = 0; i < settings.instances(); i++) {
      queues.add(new ArrayBlockingQueue<>(QUEUE_PER_INSTANCE));
    }
    AtomicBoolean delivering = new AtomicBoolean(true);
    List<Samples> latencies = new ArrayList<>();
    ExecutorService appliers =
        Executors.newFixedThreadPool(settings.instances() * settings.workers());
    for (int i = 0; i < settings.instances(); i++) {
      for (int w = 0; w < settings.workers(); w++) {
        Samples samples = new Samples();
        latencies.add(samples);
        DispatchKit kit = kits.get(i);
        BlockingQueue<ReplyPlan.Delivery> queue = queues.get(i);
        appliers.submit(
            (Callable<Void>)
                () -> {
                  applyAll(kit, queue, delivering, samples);
                  return null;
                });
      }
    }
    List<Double> loads = new ArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    long begun = System.nanoTime();
    sampler.scheduleAtFixedRate(
        () -> {
          double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
          synchronized (loads) {
            loads.add(load);
            // A line a minute, so that a long run shows it is alive.
            if (loads.size() % 12 == 0) {
              progress.accept(
                  String.format(
                      Locale.ROOT,
                      "%3d s: %,d deliveries applied, load average %.1f",
                      TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begun),
                      handled.sum(),
                      load));
            }
          }
        },
        0,
        5,
        TimeUnit.SECONDS);

    Map<String, ReplyPlan.Kind> planned = new HashMap<>();
    Map<String, Integer> deliveries = new HashMap<>();
    long duplicates = 0;
    long emitted = 0;
    long clientCpu0 = processCpuNanos();
    long serverCpu0 = serverCpuNanos.getAsLong();
    long start = System.nanoTime();
    long end = start + settings.duration().toNanos();
    int order = 0;
    try {
      for (; order < orders && System.nanoTime() - end < 0; order++) {
        for (ReplyPlan.Delivery d : plan.deliveries(order)) {
          if (settings.rate() > 0) {
            long due = start + Math.round(emitted * 1e9 / settings.rate());
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
          }
          String id = d.message().messageId();
          planned.put(id, d.message().kind());
          if (deliveries.merge(id, 1, Integer::sum) > 1) {
            duplicates++;
          }
          queues.get(d.instance()).put(d);
          emitted++;
        }
      }
    } finally {
      delivering.set(false);
      appliers.shutdown();
    }
    boolean ranOut = order == orders && System.nanoTime() - end < 0;
    if (!appliers.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      appliers.shutdownNow();
      checks.fail("replies still being applied " + DRAIN_TIMEOUT + " after the last delivery");
    }
    Duration replyTime = Duration.ofNanos(System.nanoTime() - start);
    long clientCpu = processCpuNanos() - clientCpu0;
    long serverCpu1 = serverCpuNanos.getAsLong();
    long serverCpu = serverCpu0 < 0 || serverCpu1 < 0 ? -1 : serverCpu1 - serverCpu0;
    sampler.shutdownNow();
    drainOutbox();
    runners.forEach(DispatchKitRunner::close);

    progress.accept("replies applied and outbox drained; checking");
    long checkStart = System.nanoTime();
    checks.outcomes(planned, deliveries, outcomes);
    checks.inbox(planned.keySet(), inboxMessageIds(checking));
    checkTimelines(orders, order);
    checks.outbox(outboxStates(checking), sender.sends());
    Map<String, Long> rolledBack = RollbackCounter.snapshot(rollbacks);
    checks.noRollbacks(rolledBack);
    Duration checkTime = Duration.ofNanos(System.nanoTime() - checkStart);

    List<Long> lags = new ArrayList<>();
    committed.forEach(
        (id, at) -> {
          Long sent = sender.firstSentNanos().get(id);
          if (at - start >= 0 && sent != null) {
            // A relay may send a mail between its commit and the moment the store returned.
            lags.add(Math.max(0, sent - at));
          }
        });
    Samples lagSamples = new Samples();
    lags.forEach(lagSamples::add);
    Map<String, Long> retried = new TreeMap<>();
    soakRetries.forEach((type, n) -> retried.put(type, n.sum()));
    double[] load;
    synchronized (loads) {
      load =
          new double[] {
            loads.stream().mapToDouble(Double::doubleValue).average().orElse(-1),
            loads.stream().mapToDouble(Double::doubleValue).max().orElse(-1)
          };
    }
    return new SoakReport(
        settings,
        database,
        Runtime.getRuntime().availableProcessors(),
        orders,
        dispatchTime,
        order,
        ranOut,
        replyTime,
        emitted,
        planned.size(),
        duplicates,
        SoakReport.Spread.of(Samples.sorted(latencies)),
        lags.size(),
        SoakReport.Spread.of(Samples.sorted(List.of(lagSamples))),
        conflicts.sum(),
        retried,
        rolledBack,
        new SoakReport.Load(load[0], load[1]),
        Duration.ofNanos(Math.max(0, clientCpu)),
        serverCpu < 0 ? null : Duration.ofNanos(serverCpu),
        checkTime,
        checks.failures());
  }

  /** One applier: handles its instance's deliveries until there are no more. */
  private void applyAll(
      DispatchKit kit,
      BlockingQueue<ReplyPlan.Delivery> queue,
      AtomicBoolean delivering,
      Samples samples)
      throws InterruptedException {
    while (true) {
      ReplyPlan.Delivery d = queue.poll(50, TimeUnit.MILLISECONDS);
      if (d == null) {
        if (delivering.get()) {
          continue;
        }
        // Every delivery was queued before the flag fell: what is left is in the queue now.
        d = queue.poll();
        if (d == null) {
          return;
        }
      }
      apply(kit, d, samples);
    }
  }

  private void apply(DispatchKit kit, ReplyPlan.Delivery d, Samples samples)
      throws InterruptedException {
    ReplyPlan.Message message = d.message();
    InboundMessage inbound =
        plan.inbound(message, sender.requests().get(tracking(message.order())));
    for (int attempt = 1; ; attempt++) {
      long t0 = System.nanoTime();
      InboundResult result;
      try {
        result = kit.handle(inbound);
      } catch (StoreException e) {
        if (attempt >= ATTEMPTS) {
          checks.fail(message.messageId() + ": handle failed " + attempt + " times: " + e);
          return;
        }
        soakRetries.computeIfAbsent(e.getClass().getSimpleName(), t -> new LongAdder()).increment();
        Thread.sleep(5L * attempt); // the next poll, a little later each time
        continue;
      } catch (RuntimeException e) {
        checks.fail(message.messageId() + ": handle threw " + e);
        return;
      }
      samples.add(System.nanoTime() - t0);
      handled.increment();
      outcomes
          .computeIfAbsent(message.messageId(), id -> new ConcurrentLinkedQueue<>())
          .add(result.outcome());
      return;
    }
  }

  /** Waits until every mail committed so far was handed to the sender, at most a few minutes. */
  private void drainOutbox() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (!sender.sends().keySet().containsAll(committed.keySet())) {
      if (System.nanoTime() - deadline > 0) {
        checks.fail("outbox not drained " + DRAIN_TIMEOUT + " after the last reply");
        return;
      }
      Thread.sleep(20);
    }
  }

  /** Checks every dispatched work order's timeline, an instance's kit per thread. */
  private void checkTimelines(int orders, int answered) throws Exception {
    int threads = settings.instances();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        DispatchKit kit = kits.get(t);
        int first = t;
        done.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      for (int o = first; o < orders; o += threads) {
                        checkTimeline(kit, o, o < answered);
                      }
                      return null;
                    }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void checkTimeline(DispatchKit kit, int order, boolean answered) {
    TrackingNumber tn = TrackingNumber.of(tracking(order));
    Optional<WorkOrder> stored = kit.find(Fixtures.SUBSCRIBER, tn);
    if (stored.isEmpty()) {
      checks.fail("work order " + order + ": not found");
      return;
    }
    List<WorkOrderEvent> timeline = kit.timeline(new WorkOrderKey(Fixtures.SUBSCRIBER, tn));
    List<CommandKind> kinds = timeline.stream().map(WorkOrderEvent::kind).toList();
    boolean replays = !timeline.isEmpty() && WorkOrder.replay(timeline).equals(stored.get());
    checks.timeline(order, answered, kinds, stored.get().version(), replays);
  }

  private List<String> inboxMessageIds(DataSource checking) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = checking.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT message_id FROM " + prefix + "inbox")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private Map<String, String> outboxStates(DataSource checking) throws SQLException {
    Map<String, String> states = new HashMap<>();
    try (Connection c = checking.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id, state FROM " + prefix + "outbox")) {
      while (rows.next()) {
        states.put(rows.getString(1), rows.getString(2));
      }
    }
    return states;
  }

  /** The CPU time of this JVM so far, or -1 where the platform does not tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static String database(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    }
  }

  /** Runs a dispatch again after a store failure, as a host retries a failed request. */
  private void retrying(Runnable work) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (StoreException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        soakRetries
            .computeIfAbsent("dispatch " + e.getClass().getSimpleName(), t -> new LongAdder())
            .increment();
        Thread.sleep(5L * attempt);
      }
    }
  }

  static String tracking(int order) {
    return Integer.toString(1_000_000 + order);
  }

  private static ProviderId provider(int p) {
    return ProviderId.of("provider-" + p);
  }

  private static String providerAddress(int p) {
    return "dispatch@provider-" + p + ".example";
  }
}
