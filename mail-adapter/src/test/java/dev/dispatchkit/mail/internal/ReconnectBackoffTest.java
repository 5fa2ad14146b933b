package dev.dispatchkit.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.testkit.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private final SettableClock clock = SettableClock.at(T0);
  private final ReconnectBackoff backoff =
      new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5), clock);

  @Test
  void theFirstFailureAfterASuccessMayRetryAtOnce() {
    IOException dropped = new IOException("dropped");
    backoff.failed(dropped);

    assertThat(backoff.waiting(clock.instant())).isFalse();
    assertThat(backoff.nextAttempt()).isEqualTo(T0);
    assertThat(backoff.lastFailure()).isSameAs(dropped);
  }

  @Test
  void furtherFailuresDoubleTheWaitUpToTheMaximum() {
    backoff.failed(new IOException("1"));
    backoff.failed(new IOException("2"));
    assertThat(backoff.nextAttempt()).isEqualTo(T0.plusSeconds(1));
    assertThat(backoff.waiting(T0.plusMillis(999))).isTrue();
    assertThat(backoff.waiting(T0.plusSeconds(1))).isFalse();

    backoff.failed(new IOException("3"));
    assertThat(backoff.nextAttempt()).isEqualTo(T0.plusSeconds(2));
    backoff.failed(new IOException("4"));
    assertThat(backoff.nextAttempt()).isEqualTo(T0.plusSeconds(4));
    backoff.failed(new IOException("5"));
    assertThat(backoff.nextAttempt()).isEqualTo(T0.plusSeconds(5));
    for (int i = 0; i < 100; i++) {
      backoff.failed(new IOException("again"));
    }
    assertThat(backoff.nextAttempt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aSuccessClearsTheWait() {
    backoff.failed(new IOException("1"));
    backoff.failed(new IOException("2"));
    backoff.succeeded();

    assertThat(backoff.waiting(T0)).isFalse();
    assertThat(backoff.nextAttempt()).isNull();
    assertThat(backoff.lastFailure()).isNull();
    backoff.failed(new IOException("after"));
    assertThat(backoff.waiting(T0)).as("the streak starts again").isFalse();
  }
}
