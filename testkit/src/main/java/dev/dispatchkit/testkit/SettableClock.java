package dev.dispatchkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until a test moves it. Thread-safe: every view made with {@link
 * #withZone} shares the same instant.
 */
public final class SettableClock extends Clock {

  private final Holder holder;
  private final ZoneId zone;

  private static final class Holder {
    private volatile Instant now;

    Holder(Instant now) {
      this.now = now;
    }
  }

  private SettableClock(Holder holder, ZoneId zone) {
    this.holder = holder;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static SettableClock at(Instant start) {
    return new SettableClock(new Holder(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock standing at the ISO-8601 instant {@code start}, such as {@code 2026-03-02T08:00Z}. */
  public static SettableClock at(String start) {
    return at(Instant.parse(start));
  }

  /** Moves the clock to {@code instant}, backwards included. */
  public void set(Instant instant) {
    holder.now = Objects.requireNonNull(instant, "instant");
  }

  /** Moves the clock forward (or backward, for a negative amount) by {@code amount}. */
  public synchronized void advance(Duration amount) {
    holder.now = holder.now.plus(Objects.requireNonNull(amount, "amount"));
  }

  @Override
  public Instant instant() {
    return holder.now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(holder, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "SettableClock[" + holder.now + ", " + zone + "]";
  }
}
