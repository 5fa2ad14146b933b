package dev.dispatchkit.spring.boot;

import dev.dispatchkit.runtime.DispatchKitRunner;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link DispatchKitRunner} once the context is refreshed, and stops it gracefully in
 * the shutdown phase, before the mail source and the DataSource are closed.
 */
public final class DispatchKitRunnerLifecycle implements SmartLifecycle {

  private final DispatchKitRunner runner;
  private volatile boolean started;

  /**
   * @param runner the runner to start and stop
   */
  public DispatchKitRunnerLifecycle(DispatchKitRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public void start() {
    runner.start();
    started = true;
  }

  @Override
  public void stop() {
    // Graceful: the message in hand is finished, within the runner's shutdown timeout.
    runner.close();
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started && runner.isRunning();
  }

  /** The runner. */
  public DispatchKitRunner runner() {
    return runner;
  }
}
