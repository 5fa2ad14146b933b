package dev.dispatchkit.mail.internal;

import jakarta.mail.MessagingException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMAP IDLE with an end. IDLE has no timeout of its own and any command from another thread ends
 * it, so an alarm thread sends NOOP when the slice is over, and {@link #interrupt} does the same
 * for a closing source. One instance per source; {@link #idle} runs under the source's lock, the
 * rest may be called from any thread.
 */
public final class ImapIdle {
  private static final Logger log = LoggerFactory.getLogger(ImapIdle.class);

  /** How long after a NOOP that did not end IDLE the alarm sends the next one. */
  private static final long RING_AGAIN_MILLIS = 20;

  private final BooleanSupplier closed;
  private volatile boolean idling;
  private volatile @Nullable ScheduledExecutorService alarm;

  /**
   * @param closed whether the source is closed: the alarm stops ringing once it is
   */
  public ImapIdle(BooleanSupplier closed) {
    this.closed = closed;
  }

  /** Whether an IDLE is running now. */
  public boolean isIdling() {
    return idling;
  }

  /**
   * Sends IDLE on {@code folder} and returns when the server reports a change or after {@code
   * nanos}, whichever comes first.
   */
  public void idle(IMAPFolder folder, long nanos) throws MessagingException {
    ScheduledExecutorService timer = timer();
    idling = true;
    // Repeat the NOOP until IDLE is over, in case the first fires before IDLE has started.
    Runnable ring =
        new Runnable() {
          @Override
          public void run() {
            if (idling && !closed.getAsBoolean()) {
              noopQuietly(folder);
              if (idling && !closed.getAsBoolean()) {
                timer.schedule(this, RING_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
              }
            }
          }
        };
    ScheduledFuture<?> pending = timer.schedule(ring, nanos, TimeUnit.NANOSECONDS);
    try {
      folder.idle(true);
    } finally {
      idling = false;
      pending.cancel(false);
    }
  }

  /** Ends a running IDLE on {@code folder}, if one runs; a no-op otherwise. */
  public void interrupt(@Nullable IMAPFolder folder) {
    if (idling && folder != null) {
      noopQuietly(folder);
    }
  }

  /** Stops the alarm thread. */
  public void shutdown() {
    ScheduledExecutorService timer = alarm;
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private synchronized ScheduledExecutorService timer() {
    ScheduledExecutorService timer = alarm;
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "dispatchkit-imap-idle-alarm");
                t.setDaemon(true);
                return t;
              });
      alarm = timer;
    }
    return timer;
  }

  private static void noopQuietly(IMAPFolder folder) {
    try {
      FolderScan.noop(folder);
    } catch (MessagingException | RuntimeException e) {
      log.trace("NOOP to end IDLE failed", e);
    }
  }
}
