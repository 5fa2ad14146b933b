package dev.dispatchkit.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a soak run measured and what its checks found.
 *
 * @param settings the run's settings
 * @param database the database product and version
 * @param processors the processors this JVM sees (the database server shares them when local)
 * @param orders work orders dispatched before the replies
 * @param dispatchTime how long dispatching them and sending their requests took
 * @param answeredOrders work orders whose replies were delivered
 * @param ranOut whether the run used up its work orders before its duration
 * @param replyTime from the first delivery to the last reply applied
 * @param deliveries calls of {@code handle}, duplicates included, each counted once however often
 *     the soak retried it
 * @param messages distinct messages delivered
 * @param duplicateDeliveries deliveries of a message to a second instance
 * @param applyNanos p50, p99 and max of one {@code handle} call (the facade's own retries inside)
 * @param mailsQueued mails queued by the replies
 * @param lagNanos p50, p99 and max from a queued mail's commit to its send
 * @param conflicts units of work that lost a race on a work order's version and ran again
 * @param soakRetries {@code handle} calls the soak ran again after an exception, by exception type
 * @param rollbacks transactions the database rolled back (class 40), by SQLState
 * @param loadAverage the system's one-minute load average, mean and max over the replies
 * @param clientCpu the CPU time of this JVM (every instance, the deliveries, the relays) over the
 *     replies
 * @param serverCpu the CPU time of the database server's processes serving the run's connections
 *     over the replies; null when unknown
 * @param checkTime how long the end checks took
 * @param failures what the end checks found wrong; empty when they passed
 */
public record SoakReport(
    SoakSettings settings,
    String database,
    int processors,
    int orders,
    Duration dispatchTime,
    int answeredOrders,
    boolean ranOut,
    Duration replyTime,
    long deliveries,
    long messages,
    long duplicateDeliveries,
    Spread applyNanos,
    long mailsQueued,
    Spread lagNanos,
    long conflicts,
    Map<String, Long> soakRetries,
    Map<String, Long> rollbacks,
    Load loadAverage,
    Duration clientCpu,
    @Nullable Duration serverCpu,
    Duration checkTime,
    List<String> failures) {

  /** Copies the collections. */
  public SoakReport {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(applyNanos, "applyNanos");
    Objects.requireNonNull(lagNanos, "lagNanos");
    Objects.requireNonNull(loadAverage, "loadAverage");
    soakRetries = Map.copyOf(soakRetries);
    rollbacks = Map.copyOf(rollbacks);
    failures = List.copyOf(failures);
  }

  /**
   * Durations in nanoseconds.
   *
   * @param p50 the median
   * @param p99 the 99th percentile
   * @param max the longest
   */
  public record Spread(long p50, long p99, long max) {
    /** The spread of sorted durations. */
    static Spread of(long[] sorted) {
      return new Spread(
          Samples.percentile(sorted, 50),
          Samples.percentile(sorted, 99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }
  }

  /**
   * The system's one-minute load average, sampled while replies were applied.
   *
   * @param mean the mean of the samples
   * @param max the largest sample
   */
  public record Load(double mean, double max) {}

  /** Whether every check passed. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** Deliveries applied per second over the reply phase, duplicates included. */
  public double deliveriesPerSecond() {
    return perSecond(deliveries);
  }

  /** Distinct messages applied per second over the reply phase. */
  public double messagesPerSecond() {
    return perSecond(messages);
  }

  /** Class-40 rollbacks in all: deadlock victims and serialization failures. */
  public long rollbackCount() {
    return rollbacks.values().stream().mapToLong(Long::longValue).sum();
  }

  private double perSecond(long n) {
    double seconds = replyTime.toNanos() / 1e9;
    return seconds <= 0 ? 0 : n / seconds;
  }

  /** The report as lines of text. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        format(
            "soak on %s: %d instances x %d appliers, pool of %d connections each, %d processors",
            database, settings.instances(), settings.workers(), settings.poolSize(), processors));
    lines.add(
        format(
            "dispatched %,d work orders in %.1f s (%,.0f per second, requests sent included)",
            orders,
            dispatchTime.toMillis() / 1000.0,
            orders / Math.max(0.001, dispatchTime.toMillis() / 1000.0)));
    lines.add(
        format(
            "replies: %,d deliveries (%,d messages, %,d duplicate deliveries) to %,d work orders"
                + " in %.1f s, rate %s%s",
            deliveries,
            messages,
            duplicateDeliveries,
            answeredOrders,
            replyTime.toMillis() / 1000.0,
            settings.rate() == 0 ? "unpaced" : settings.rate() + "/s",
            ranOut ? " (ran out of work orders before the duration)" : ""));
    lines.add(
        format(
            "throughput: %.1f deliveries/s, %.1f messages/s",
            deliveriesPerSecond(), messagesPerSecond()));
    lines.add(
        format(
            "apply latency (one handle call): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            millis(applyNanos.p50()), millis(applyNanos.p99()), millis(applyNanos.max())));
    lines.add(
        format(
            "outbox lag (commit to send), %,d mails queued by replies: p50 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms",
            mailsQueued, millis(lagNanos.p50()), millis(lagNanos.p99()), millis(lagNanos.max())));
    lines.add(
        format(
            "version conflicts run again (ConcurrentUpdateException): %,d; handle calls the soak"
                + " ran again: %s",
            conflicts, soakRetries.isEmpty() ? "none" : soakRetries));
    lines.add(
        format(
            "rolled back by the database (SQLState class 40: 40P01 deadlock, 40001"
                + " serialization): %s",
            rollbacks.isEmpty() ? "none" : rollbacks));
    lines.add(
        format(
            "load average (1 min) during the replies: mean %.1f, max %.1f",
            loadAverage.mean(), loadAverage.max()));
    double seconds = replyTime.toNanos() / 1e9;
    double clientSeconds = clientCpu.toNanos() / 1e9;
    lines.add(
        format(
            "CPU over the replies: this JVM %.1f s (%.2f cores), %.1f messages per JVM CPU second",
            clientSeconds, clientSeconds / seconds, messages / Math.max(0.001, clientSeconds)));
    if (serverCpu != null) {
      double serverSeconds = serverCpu.toNanos() / 1e9;
      lines.add(
          format(
              "CPU over the replies: database backends %.1f s (%.2f cores), %.1f messages per"
                  + " database CPU second",
              serverSeconds, serverSeconds / seconds, messages / Math.max(0.001, serverSeconds)));
    }
    lines.add(format("checks took %.1f s", checkTime.toMillis() / 1000.0));
    if (passed()) {
      lines.add(
          "checks passed: every reply applied once (outcomes, inbox, timelines), every mail sent"
              + " once, no deadlock");
    } else {
      lines.add("CHECKS FAILED:");
      failures.forEach(f -> lines.add("  " + f));
    }
    return lines;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
