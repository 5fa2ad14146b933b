package dev.dispatchkit.spring.boot;

import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.runtime.RunnerObserver;
import java.time.Duration;
import java.util.List;

/** Tells every observer bean (the metrics, the application's own) what the runner did. */
final class CompositeRunnerObserver implements RunnerObserver {

  private final List<RunnerObserver> observers;

  CompositeRunnerObserver(List<RunnerObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public void polled(PollResult result, Duration took) {
    observers.forEach(o -> o.polled(result, took));
  }

  @Override
  public void pollFailed(Throwable failure) {
    observers.forEach(o -> o.pollFailed(failure));
  }

  @Override
  public void relayed(int sent) {
    observers.forEach(o -> o.relayed(sent));
  }

  @Override
  public void relayFailed(Throwable failure) {
    observers.forEach(o -> o.relayFailed(failure));
  }

  @Override
  public void swept(int raised) {
    observers.forEach(o -> o.swept(raised));
  }

  @Override
  public void sweepFailed(Throwable failure) {
    observers.forEach(o -> o.sweepFailed(failure));
  }
}
