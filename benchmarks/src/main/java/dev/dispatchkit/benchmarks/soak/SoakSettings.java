package dev.dispatchkit.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one soak run does.
 *
 * @param instances how many instances, each a kit with a pool and a runner of its own
 * @param workers how many threads apply replies on each instance; 1 is what the runner's poll loop
 *     does
 * @param duration how long replies are delivered; the run then drains what is queued
 * @param rate deliveries per second over all instances; 0 delivers as fast as they are applied
 * @param orders how many work orders are dispatched first; 0 to derive it from the rate
 * @param providers how many providers the work orders go to, each with its dispatch address
 * @param seed the seed of the generated replies, so that a run can be repeated
 */
public record SoakSettings(
    int instances, int workers, Duration duration, int rate, int orders, int providers, long seed) {

  /** Orders dispatched by an unpaced run when none are given. */
  static final int UNPACED_ORDERS = 30_000;

  /** Rejects settings a run cannot honour, naming each. */
  public SoakSettings {
    Objects.requireNonNull(duration, "duration");
    List<String> bad = new ArrayList<>();
    if (instances < 1) {
      bad.add("instances");
    }
    if (workers < 1) {
      bad.add("workers");
    }
    if (duration.isNegative() || duration.isZero()) {
      bad.add("duration");
    }
    if (rate < 0) {
      bad.add("rate");
    }
    if (orders < 0) {
      bad.add("orders");
    }
    if (providers < 1) {
      bad.add("providers");
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("invalid soak settings: " + bad);
    }
  }

  /** The run: 4 instances of one applier each, 10 minutes, unpaced. */
  public static SoakSettings defaults() {
    return new SoakSettings(4, 1, Duration.ofMinutes(10), 0, 0, 20, 12);
  }

  /** These settings with another duration. */
  public SoakSettings withDuration(Duration value) {
    return new SoakSettings(instances, workers, value, rate, orders, providers, seed);
  }

  /** These settings with another rate. */
  public SoakSettings withRate(int value) {
    return new SoakSettings(instances, workers, duration, value, orders, providers, seed);
  }

  /** These settings with another number of work orders. */
  public SoakSettings withOrders(int value) {
    return new SoakSettings(instances, workers, duration, rate, value, providers, seed);
  }

  /** These settings with another number of instances. */
  public SoakSettings withInstances(int value) {
    return new SoakSettings(value, workers, duration, rate, orders, providers, seed);
  }

  /** These settings with another number of appliers per instance. */
  public SoakSettings withWorkers(int value) {
    return new SoakSettings(instances, value, duration, rate, orders, providers, seed);
  }

  /** These settings with another number of providers. */
  public SoakSettings withProviders(int value) {
    return new SoakSettings(instances, workers, duration, rate, orders, value, seed);
  }

  /** These settings with another seed. */
  public SoakSettings withSeed(long value) {
    return new SoakSettings(instances, workers, duration, rate, orders, providers, value);
  }

  /**
   * Connections per instance: one per applier, one for the runner's relay and one for its sweep,
   * since each of them holds at most one transaction at a time.
   */
  public int poolSize() {
    return workers + 2;
  }

  /**
   * The work orders to dispatch: as given, else enough for the rate over the duration with a tenth
   * to spare, else {@value #UNPACED_ORDERS}. A run that uses them all up stops delivering early.
   */
  public int ordersToDispatch() {
    if (orders > 0) {
      return orders;
    }
    if (rate == 0) {
      return UNPACED_ORDERS;
    }
    double deliveries = (double) rate * duration.toMillis() / 1000.0;
    return (int) Math.ceil(deliveries / ReplyPlan.DELIVERIES_PER_ORDER * 1.1) + instances;
  }
}
