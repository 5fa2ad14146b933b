package dev.dispatchkit.runtime;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.ForwardingDispatchListener;
import dev.dispatchkit.spi.MailSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link DispatchKit} in a plain Java host: polls the mail source, relays the outbox and
 * sweeps, each loop with its own cadence and a jittered exponential backoff after a failure. No
 * loop dies on an exception: it is logged, counted in {@link #status()}, told to the {@link
 * RunnerObserver}, and retried.
 *
 * <p>With {@link Builder#idle(boolean) IDLE} (the default) the poll loop waits in {@link
 * MailSource#awaitNewMail(Duration)} between polls, on a thread of its own, so a new message is
 * polled at once; a source without push support is polled every poll interval. The relay runs right
 * after a commit that queued mail when the kit was built with {@link #listener
 * listener(hostListener)}.
 *
 * <pre>{@code
 * DispatchKit kit = DispatchKit.builder()...listener(DispatchKitRunner.listener(myListener)).build();
 * try (DispatchKitRunner runner = DispatchKitRunner.builder(kit).mailSource(inbox).build()) {
 *   runner.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Several runners may share one database and one mailbox: the store keeps replies applied once
 * and mail sent once. {@link #close()} stops gracefully; a hard stop (a killed process) is safe
 * too, since a message is acknowledged only after its transaction committed and mail leaves the
 * outbox only after it was sent. The runner's threads are not daemon threads, so that a plain
 * {@code main} keeps running: close the runner to let the JVM exit.
 */
public final class DispatchKitRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit.runtime");

  /** The started runners of this JVM, which the {@link #listener} wakes. */
  private static final Set<DispatchKitRunner> STARTED = ConcurrentHashMap.newKeySet();

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final DispatchKit kit;
  private final @Nullable MailSource source;
  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;
  private final Duration pollInterval;
  private final int pollBatch;
  private final boolean idle;
  private final Backoff backoff;
  private final Duration shutdownTimeout;
  private final RunnerObserver observer;
  private final String threadPrefix;

  private final LoopState pollState;
  private final LoopState relayState;
  private final LoopState sweepState;
  private final ScheduledLoop relayLoop;
  private final ScheduledLoop sweepLoop;
  private final @Nullable ScheduledLoop scheduledPoll;
  private final Object pollMonitor = new Object();

  private volatile boolean stopping;
  private boolean polling; // guarded by pollMonitor
  private @Nullable Thread pollThread;
  private boolean started;
  private boolean closed;

  private DispatchKitRunner(Builder b) {
    this.kit = b.kit;
    this.pollInterval = b.pollInterval;
    this.pollBatch = b.pollBatch;
    this.idle = b.idle;
    this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
    this.shutdownTimeout = b.shutdownTimeout;
    this.observer = b.observer;
    this.threadPrefix = "dispatchkit-runner-" + INSTANCES.incrementAndGet();
    this.source = b.mailSource == null ? null : new StoppingSource(b.mailSource, () -> stopping);
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      AtomicInteger n = new AtomicInteger();
      ScheduledThreadPoolExecutor own =
          new ScheduledThreadPoolExecutor(
              3, r -> new Thread(r, threadPrefix + "-" + n.incrementAndGet()));
      own.setRemoveOnCancelPolicy(true);
      this.executor = own;
      this.ownsExecutor = true;
    }
    Clock clock = Clock.systemUTC();
    this.pollState = new LoopState(clock);
    this.relayState = new LoopState(clock);
    this.sweepState = new LoopState(clock);
    this.relayLoop =
        new ScheduledLoop(
            "relay",
            executor,
            this::relayRun,
            b.relayInterval,
            backoff,
            relayState,
            e -> observer.relayFailed(e));
    this.sweepLoop =
        new ScheduledLoop(
            "sweep",
            executor,
            this::sweepRun,
            b.sweepInterval,
            backoff,
            sweepState,
            e -> observer.sweepFailed(e));
    this.scheduledPoll =
        source == null || idle
            ? null
            : new ScheduledLoop(
                "poll",
                executor,
                this::pollRun,
                pollInterval,
                backoff,
                pollState,
                e -> observer.pollFailed(e));
  }

  /** A builder for a runner of {@code kit}; {@link Builder#build()} checks every setting. */
  public static Builder builder(DispatchKit kit) {
    return new Builder(Objects.requireNonNull(kit, "kit"));
  }

  /**
   * A listener that forwards everything to {@code host} and, after a commit that queued mail, wakes
   * the relay of the started runners in this JVM (normally one; a wake with nothing due costs one
   * outbox query). Build the kit with it, so that an answer reaches the client within a second
   * instead of at the relay's next tick.
   *
   * <p>Static because the kit is built before its runner.
   */
  public static DispatchListener listener(DispatchListener host) {
    return new RelayWakingListener(Objects.requireNonNull(host, "host"));
  }

  /**
   * Starts the loops: each runs once at once, then at its cadence.
   *
   * @throws ConfigurationException when the runner was closed: a runner starts once
   */
  public synchronized void start() {
    if (closed) {
      throw new ConfigurationException("runner", "closed; build a new runner");
    }
    if (started) {
      return;
    }
    started = true;
    STARTED.add(this);
    relayLoop.start();
    sweepLoop.start();
    if (scheduledPoll != null) {
      scheduledPoll.start();
    } else if (source != null) {
      Thread t = new Thread(this::idlePollLoop, threadPrefix + "-poll");
      pollThread = t;
      t.start();
    }
    LOG.info(
        "runner started: poll {}, IDLE {}, batch {}",
        source == null ? "off" : pollInterval,
        source != null && idle,
        pollBatch);
  }

  /** True between {@link #start()} and {@link #close()}. */
  public synchronized boolean isRunning() {
    return started && !closed;
  }

  /** The loops' state now. */
  public RunnerStatus status() {
    return new RunnerStatus(isRunning(), pollState.get(), relayState.get(), sweepState.get());
  }

  /** Runs the outbox relay now, or right after the run in progress. */
  public void wakeRelay() {
    relayLoop.wake();
  }

  /**
   * Stops gracefully: takes no new work, lets the message in hand reach its acknowledgement and the
   * mail in hand its mark, then closes the mail source (ending a running IDLE) and, when the runner
   * made the executor, shuts it down. Waits at most the shutdown timeout. Idempotent.
   */
  @Override
  public void close() {
    Thread poller;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      poller = pollThread;
    }
    STARTED.remove(this);
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    stopping = true;
    relayLoop.stop();
    sweepLoop.stop();
    if (scheduledPoll != null) {
      scheduledPoll.stop();
    }
    boolean interrupted = false;
    try {
      synchronized (pollMonitor) {
        pollMonitor.notifyAll();
        while (polling && deadline - System.nanoTime() > 0) {
          TimeUnit.NANOSECONDS.timedWait(pollMonitor, deadline - System.nanoTime());
        }
      }
      if (scheduledPoll != null) {
        scheduledPoll.awaitIdle(deadline);
      }
      relayLoop.awaitIdle(deadline);
      sweepLoop.awaitIdle(deadline);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (source != null) {
      // Ends a running IDLE at once; no poll is in hand any more (or the timeout passed).
      try {
        source.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the mail source failed: {}", e.toString());
      }
    }
    if (ownsExecutor) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          LOG.warn("runner: work still running after the shutdown timeout; interrupting it");
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        interrupted = true;
        executor.shutdownNow();
      }
    }
    if (poller != null) {
      try {
        poller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LOG.info("runner stopped");
  }

  // --- the loops' work ---------------------------------------------------------------------------

  private boolean relayRun() {
    int sent = kit.relayOutbox();
    safely(() -> observer.relayed(sent));
    // relayOutbox sends at most 50 at a time: a full batch means more may be due now.
    return sent >= 50 && !stopping;
  }

  private boolean sweepRun() {
    int raised = kit.sweep();
    safely(() -> observer.swept(raised));
    return false;
  }

  private boolean pollRun() {
    long t0 = System.nanoTime();
    PollResult result = kit.pollOnce(Objects.requireNonNull(source), pollBatch);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    safely(() -> observer.polled(result, took));
    return result.items().size() >= pollBatch && !stopping;
  }

  /**
   * The poll loop with IDLE: polls (on the executor, like the other loops' work), then waits in the
   * source for new mail, at most one poll interval.
   */
  private void idlePollLoop() {
    MailSource src = Objects.requireNonNull(source);
    while (true) {
      Future<Duration> run;
      synchronized (pollMonitor) {
        if (stopping) {
          return;
        }
        try {
          run =
              executor.submit(
                  () ->
                      ScheduledLoop.runGuarded(
                          "poll",
                          this::pollRun,
                          pollInterval,
                          backoff,
                          pollState,
                          e -> observer.pollFailed(e)));
        } catch (RejectedExecutionException e) {
          LOG.debug("poll loop ends: the executor takes no more work");
          return;
        }
        polling = true;
      }
      Duration next;
      try {
        next = awaitUninterruptibly(run);
      } catch (ExecutionException e) {
        // Only a VirtualMachineError leaves runGuarded; or the executor was shut down under it.
        LOG.error("poll loop stopped by {}", e.getCause() == null ? e : e.getCause().toString());
        return;
      } finally {
        synchronized (pollMonitor) {
          polling = false;
          pollMonitor.notifyAll();
        }
      }
      if (stopping) {
        return;
      }
      if (next.isZero()) {
        continue; // a full batch: more is waiting
      }
      if (pollState.get().failing()) {
        pause(next);
        continue;
      }
      long t0 = System.nanoTime();
      boolean fresh;
      try {
        fresh = src.awaitNewMail(pollInterval);
      } catch (RuntimeException e) {
        long inARow = pollState.failed(e);
        safely(() -> observer.pollFailed(e));
        pause(backoff.after(inARow));
        continue;
      }
      if (!fresh) {
        // A source without push support returns at once: wait out the rest of the interval.
        pause(pollInterval.minusNanos(System.nanoTime() - t0));
      }
    }
  }

  private Duration awaitUninterruptibly(Future<Duration> run) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return run.get();
        } catch (InterruptedException e) {
          interrupted = true; // the message in hand is finished all the same
        } catch (java.util.concurrent.CancellationException e) {
          throw new ExecutionException("cancelled", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits, ending early on close. */
  private void pause(Duration wait) {
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    synchronized (pollMonitor) {
      while (!stopping && deadline - System.nanoTime() > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(pollMonitor, deadline - System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("runner observer failed: {}", e.toString());
    }
  }

  private static void wakeAll() {
    for (DispatchKitRunner r : STARTED) {
      r.wakeRelay();
    }
  }

  /** Forwards to the host's listener; wakes the relays after a commit that queued mail. */
  private static final class RelayWakingListener extends ForwardingDispatchListener {
    private final DispatchListener host;

    RelayWakingListener(DispatchListener host) {
      this.host = host;
    }

    @Override
    protected DispatchListener delegate() {
      return host;
    }

    @Override
    public void mailQueued() {
      try {
        super.mailQueued();
      } finally {
        wakeAll();
      }
    }
  }

  /** Builds a {@link DispatchKitRunner}. Not thread-safe. */
  public static final class Builder {
    private final DispatchKit kit;
    private @Nullable MailSource mailSource;
    private @Nullable ScheduledExecutorService executor;
    private Duration pollInterval = Duration.ofSeconds(30);
    private Duration relayInterval = Duration.ofSeconds(10);
    private Duration sweepInterval = Duration.ofMinutes(5);
    private int pollBatch = 50;
    private boolean idle = true;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private RunnerObserver observer = RunnerObserver.NONE;

    private Builder(DispatchKit kit) {
      this.kit = kit;
    }

    /**
     * Where replies come from; without one the runner does not poll. The runner closes it in {@link
     * DispatchKitRunner#close()}, after the last poll, which also ends a running IDLE.
     */
    public Builder mailSource(MailSource mailSource) {
      this.mailSource = Objects.requireNonNull(mailSource, "mailSource");
      return this;
    }

    /**
     * The executor the loops run on; the runner makes one of three threads otherwise. The runner
     * shuts down only an executor it made, never one it was given.
     */
    public Builder executor(ScheduledExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The longest wait between two polls; 30 seconds by default. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How often the outbox relay runs besides its wake-ups; 10 seconds by default. */
    public Builder relayInterval(Duration interval) {
      this.relayInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How often the sweep runs; 5 minutes by default. */
    public Builder sweepInterval(Duration interval) {
      this.sweepInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** At most this many messages per poll; 50 by default. */
    public Builder pollBatch(int max) {
      this.pollBatch = max;
      return this;
    }

    /**
     * Whether the poll loop waits for new mail in {@link MailSource#awaitNewMail(Duration)} (IMAP
     * IDLE) between polls, on a thread of its own; true by default.
     */
    public Builder idle(boolean idle) {
      this.idle = idle;
      return this;
    }

    /**
     * The wait after a loop failed: doubles from {@code initial} up to {@code max}, with jitter; 1
     * second to 5 minutes by default.
     */
    public Builder failureBackoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /** How long {@link DispatchKitRunner#close()} waits for work in hand; 30 seconds by default. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Told what each loop did; nothing by default. */
    public Builder observer(RunnerObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * The runner, not started yet.
     *
     * @throws ConfigurationException naming every invalid setting
     */
    public DispatchKitRunner build() {
      List<String> bad = new ArrayList<>();
      if (!positive(pollInterval)) {
        bad.add("pollInterval");
      }
      if (!positive(relayInterval)) {
        bad.add("relayInterval");
      }
      if (!positive(sweepInterval)) {
        bad.add("sweepInterval");
      }
      if (pollBatch < 1) {
        bad.add("pollBatch");
      }
      if (!positive(initialBackoff) || maxBackoff.compareTo(initialBackoff) < 0) {
        bad.add("failureBackoff");
      }
      if (shutdownTimeout.isNegative()) {
        bad.add("shutdownTimeout");
      }
      if (!bad.isEmpty()) {
        throw new ConfigurationException("invalid runner settings: " + bad, bad);
      }
      return new DispatchKitRunner(this);
    }

    private static boolean positive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }
  }
}
