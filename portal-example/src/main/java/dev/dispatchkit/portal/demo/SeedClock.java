package dev.dispatchkit.portal.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The system clock, except while the demo's seed replays the last days: then it stands at the
 * instant the seed sets, so that the seeded orders were really dispatched, answered and worked on
 * days ago, through the kit, as they would have been. After {@link #resume()} it is the system
 * clock for good.
 */
public final class SeedClock extends Clock {

  private final Clock system = Clock.systemUTC();
  private volatile @Nullable Instant standing;

  /** A clock that shows the system time until the seed sets another. */
  public SeedClock() {}

  /** Stands the clock at {@code instant} until the next call or {@link #resume()}. */
  void standAt(Instant instant) {
    this.standing = instant;
  }

  /** Back to the system time. */
  void resume() {
    this.standing = null;
  }

  /** The system time, whatever the clock shows. */
  Instant systemInstant() {
    return system.instant();
  }

  @Override
  public Instant instant() {
    Instant at = standing;
    return at != null ? at : system.instant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // The kit and the mail adapters only read instants; a zoned view is the system's.
    return system.withZone(zone);
  }
}
