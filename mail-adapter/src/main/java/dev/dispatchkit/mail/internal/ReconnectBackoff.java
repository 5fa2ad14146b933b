package dev.dispatchkit.mail.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a source that lost its server may try again. The first failure after a success may retry at
 * once, since a dropped connection is common; each further one doubles the wait from the initial
 * backoff up to the maximum. Not thread-safe: the source calls it under its lock.
 */
public final class ReconnectBackoff {
  private final Duration initial;
  private final Duration max;
  private final Clock clock;
  private int streak;
  private @Nullable Instant nextAttempt;
  private @Nullable Exception lastFailure;

  /** A backoff from {@code initial} doubling up to {@code max}, timed by {@code clock}. */
  public ReconnectBackoff(Duration initial, Duration max, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /** The server answered: the next failure may retry at once. */
  public void succeeded() {
    streak = 0;
    nextAttempt = null;
    lastFailure = null;
  }

  /** The server failed with {@code cause}: the next attempt waits. */
  public void failed(Exception cause) {
    streak++;
    Duration delay = Duration.ZERO;
    if (streak > 1) {
      delay = initial.multipliedBy(1L << Math.min(streak - 2, 30));
      if (delay.compareTo(max) > 0) {
        delay = max;
      }
    }
    nextAttempt = clock.instant().plus(delay);
    lastFailure = cause;
  }

  /** Whether an attempt must still wait at {@code now}. */
  public boolean waiting(Instant now) {
    Instant next = nextAttempt;
    return next != null && now.isBefore(next);
  }

  /** When the next attempt may run, or null when it may run now. */
  public @Nullable Instant nextAttempt() {
    return nextAttempt;
  }

  /** The failure that started the wait, or null after a success. */
  public @Nullable Exception lastFailure() {
    return lastFailure;
  }
}
