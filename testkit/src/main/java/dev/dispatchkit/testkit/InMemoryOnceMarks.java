package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.OnceMarks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The once-only marks of an {@link InMemoryTransaction}. */
final class InMemoryOnceMarks implements OnceMarks {
  private final InMemoryTransaction tx;

  InMemoryOnceMarks(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean mark(String scope, String key, Instant at) {
    InMemoryState s = tx.state();
    Objects.requireNonNull(at, "at");
    return s.marks.add(List.of(scope, key));
  }
}
