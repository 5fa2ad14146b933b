package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.OnceMarks} port: a mark is recorded once per
 * scope and key. An adapter's test extends this class and returns a new, empty store from {@link
 * #createStore()}; every test here must pass unchanged. {@link WorkOrderStoreContract} runs this
 * contract together with those of the other ports.
 */
public abstract class OnceMarksContract extends StoreContract {

  /** A mark is recorded once per scope and key. */
  @Test
  protected void markOnceIsOncePerScopeAndKey() {
    assertThat(readMarkOnce("late", "a", T0)).isTrue();
    assertThat(readMarkOnce("late", "a", T0.plusSeconds(1))).isFalse();
    assertThat(readMarkOnce("late", "b", T0)).isTrue();
    assertThat(readMarkOnce("overdue", "a", T0)).isTrue();
  }
}
