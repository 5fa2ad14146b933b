package dev.dispatchkit.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential backoff: doubles from the initial wait up to the maximum. */
record Backoff(Duration initial, Duration max) {

  /**
   * The wait after {@code consecutiveFailures} failures in a row: between half and all of {@code
   * initial * 2^(n-1)}, capped at {@code max}.
   */
  Duration after(long consecutiveFailures) {
    long base = initial.toNanos();
    long cap = max.toNanos();
    long nanos = base;
    for (long i = 1; i < consecutiveFailures && nanos < cap; i++) {
      nanos = nanos > cap / 2 ? cap : nanos * 2;
    }
    nanos = Math.min(nanos, cap);
    // Jitter, so that instances that failed together (a database restart) do not retry together.
    long half = nanos / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
