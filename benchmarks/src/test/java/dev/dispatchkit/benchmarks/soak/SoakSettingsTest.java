package dev.dispatchkit.benchmarks.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoakSettingsTest {

  @Test
  void badSettingsAreRejectedEachByName() {
    assertThatThrownBy(() -> new SoakSettings(0, 0, Duration.ZERO, -1, -1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid soak settings: [instances, workers, duration, rate, orders, providers]");
  }

  @Test
  void aPacedRunDispatchesEnoughOrdersForItsRateAndDuration() {
    SoakSettings settings =
        SoakSettings.defaults().withRate(100).withDuration(Duration.ofMinutes(10));

    // 60,000 deliveries at about 1.6 per order, and a tenth to spare.
    assertThat(settings.ordersToDispatch()).isBetween(41_000, 42_000);
    assertThat(settings.poolSize()).isEqualTo(3);
    assertThat(settings.withOrders(500).ordersToDispatch()).isEqualTo(500);
    assertThat(settings.withRate(0).ordersToDispatch()).isEqualTo(SoakSettings.UNPACED_ORDERS);
  }
}
