package dev.dispatchkit.runtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop on the executor: runs its work, then schedules itself again after its cadence, at once
 * when the work says more is waiting or someone {@link #wake woke} it, or after a jittered backoff
 * when the work threw. Rescheduling itself (instead of a fixed rate) lets the delay change per run
 * and never lets two runs of one loop overlap.
 */
final class ScheduledLoop {

  /** The work of one run. */
  interface Work {
    /** Runs once; returns true when more is waiting at once (a full batch). */
    boolean run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit.runtime");

  private final String name;
  private final ScheduledExecutorService executor;
  private final Work work;
  private final Duration cadence;
  private final Backoff backoff;
  private final LoopState state;
  private final Consumer<Throwable> onFailure;

  private @Nullable ScheduledFuture<?> next;
  private long nextAtNanos;
  private boolean running;
  private boolean rerun;
  private boolean stopped = true;

  ScheduledLoop(
      String name,
      ScheduledExecutorService executor,
      Work work,
      Duration cadence,
      Backoff backoff,
      LoopState state,
      Consumer<Throwable> onFailure) {
    this.name = name;
    this.executor = executor;
    this.work = work;
    this.cadence = cadence;
    this.backoff = backoff;
    this.state = state;
    this.onFailure = onFailure;
  }

  synchronized void start() {
    stopped = false;
    schedule(Duration.ZERO);
  }

  /** Runs the loop as soon as possible: now, or right after the run in progress. */
  synchronized void wake() {
    if (stopped || state.get().failing()) {
      return; // a failing loop keeps its backoff
    }
    if (running) {
      rerun = true;
      return;
    }
    if (next != null && nextAtNanos - System.nanoTime() <= 0) {
      return; // already due
    }
    if (next != null) {
      next.cancel(false);
    }
    schedule(Duration.ZERO);
  }

  /** Takes no new run; a run in progress goes on to its end. */
  synchronized void stop() {
    stopped = true;
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** Waits until no run is in progress, at most until {@code deadlineNanos}; true when idle. */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (running) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void schedule(Duration delay) {
    try {
      nextAtNanos = System.nanoTime() + delay.toNanos();
      next = executor.schedule(this::runOnce, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The executor was shut down under us (a hard stop): the loop ends, nothing is half-done.
      LOG.debug("{} loop ends: the executor takes no more work", name);
      stopped = true;
      next = null;
    }
  }

  private void runOnce() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      running = true;
      next = null;
    }
    Duration delay = cadence;
    boolean reschedule = false;
    try {
      delay = runGuarded(name, work, cadence, backoff, state, onFailure);
      reschedule = true;
    } finally {
      synchronized (this) {
        running = false;
        if (reschedule && !stopped) {
          if (rerun) {
            rerun = false;
            if (state.get().consecutiveFailures() == 0) {
              delay = Duration.ZERO;
            }
          }
          schedule(delay);
        }
        notifyAll();
      }
    }
  }

  /**
   * Runs the work once and returns the wait before the next run: none when more is waiting, the
   * cadence after a success, a jittered backoff after a failure (logged, counted, observed).
   *
   * @throws VirtualMachineError as is
   */
  static Duration runGuarded(
      String name,
      Work work,
      Duration cadence,
      Backoff backoff,
      LoopState state,
      Consumer<Throwable> onFailure) {
    try {
      boolean more = work.run();
      state.succeeded();
      return more ? Duration.ZERO : cadence;
    } catch (VirtualMachineError e) {
      // The JVM itself is failing (out of memory, stack overflow): retrying would only make it
      // worse, so the loop ends here and the error goes on.
      LOG.error("{} loop stopped by {}", name, e.toString());
      throw e;
    } catch (Throwable e) {
      // Everything else, Errors included (a LinkageError from a host's plug-in, an
      // AssertionError): a dead loop would stop all mail without anyone noticing, so the failure
      // is logged, counted and retried.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      long inARow = state.failed(e);
      Duration delay = backoff.after(inARow);
      LOG.warn(
          "{} loop failed ({} in a row), retrying in {} ms: {}",
          name,
          inARow,
          delay.toMillis(),
          LoopState.oneLine(e));
      try {
        onFailure.accept(e);
      } catch (RuntimeException observerFailure) {
        LOG.warn("runner observer failed: {}", observerFailure.toString());
      }
      return delay;
    }
  }
}
