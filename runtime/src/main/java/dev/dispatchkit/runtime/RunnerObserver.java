package dev.dispatchkit.runtime;

import dev.dispatchkit.PollResult;
import java.time.Duration;

/**
 * Told what each loop of a {@link DispatchKitRunner} did, on the loop's thread; for metrics and
 * logs. An exception thrown here is logged and ignored. Every method does nothing by default.
 */
public interface RunnerObserver {

  /** An observer that does nothing. */
  RunnerObserver NONE = new RunnerObserver() {};

  /**
   * A poll completed.
   *
   * @param result what happened to each message
   * @param took how long the poll and the handling took
   */
  default void polled(PollResult result, Duration took) {}

  /**
   * A poll failed as a whole (the source or the store unreachable); retried after a backoff.
   *
   * @param failure what was thrown
   */
  default void pollFailed(Throwable failure) {}

  /**
   * An outbox relay run completed.
   *
   * @param sent how many mails were sent
   */
  default void relayed(int sent) {}

  /**
   * An outbox relay run failed as a whole; retried after a backoff.
   *
   * @param failure what was thrown
   */
  default void relayFailed(Throwable failure) {}

  /**
   * A sweep completed.
   *
   * @param raised how many overdue and late events it raised
   */
  default void swept(int raised) {}

  /**
   * A sweep failed; retried after a backoff.
   *
   * @param failure what was thrown
   */
  default void sweepFailed(Throwable failure) {}
}
