package dev.dispatchkit.benchmarks.soak;

import java.util.Arrays;
import java.util.Collection;

/** Durations in nanoseconds, added by one thread, merged and read once the run is over. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  /** Adds one duration. */
  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  /** How many durations were added. */
  int size() {
    return size;
  }

  /** Every duration of {@code parts}, sorted. */
  static long[] sorted(Collection<Samples> parts) {
    long[] all = new long[parts.stream().mapToInt(Samples::size).sum()];
    int at = 0;
    for (Samples part : parts) {
      System.arraycopy(part.values, 0, all, at, part.size);
      at += part.size;
    }
    Arrays.sort(all);
    return all;
  }

  /** The nearest-rank percentile {@code p} of sorted durations; 0 for none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
