package dev.dispatchkit.runtime;

import java.util.Objects;

/**
 * A {@link DispatchKitRunner}'s state, for a health check.
 *
 * @param running true between {@code start()} and {@code close()}
 * @param poll the poll loop ({@link LoopStatus#NEVER_RAN} when the runner has no mail source)
 * @param relay the outbox relay loop
 * @param sweep the sweep loop
 */
public record RunnerStatus(boolean running, LoopStatus poll, LoopStatus relay, LoopStatus sweep) {

  /** Checks every loop status is present. */
  public RunnerStatus {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(sweep, "sweep");
  }
}
