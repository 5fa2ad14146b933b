package dev.dispatchkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The meters move as the runner works, on real SMTP, IMAP and H2. */
class DispatchKitMetricsTest {

  @Test
  void theMetersShowARoundTrip() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Mailbox mail = new Mailbox()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      DispatchKitMetrics[] metrics = new DispatchKitMetrics[1];
      // The kit's listener counts through the metrics, which need the kit: bound once it exists.
      DispatchListener counting =
          new DispatchListener() {
            @Override
            public void statusChanged(
                dev.dispatchkit.workorder.WorkOrder order,
                dev.dispatchkit.workorder.WorkOrderEvent event) {
              if (metrics[0] != null) {
                metrics[0].listener(DispatchListener.NONE).statusChanged(order, event);
              }
            }
          };
      Host host =
          new Host(mail, h2, "mt_", s -> s, counting, Duration.ofMinutes(5)).withPreferences();
      metrics[0] = DispatchKitMetrics.bind(registry, host.kit);
      assertThat(registry.get("dispatchkit.outbox.pending").gauge().value()).isZero();

      try (DispatchKitRunner runner =
          DispatchKitRunner.builder(host.kit)
              .mailSource(Host.source(mail))
              .observer(metrics[0])
              .build()) {
        runner.start();
        host.kit.dispatch(Fixtures.dispatch().trackingNumber("400001").build());
        MimeMessage request = mail.awaitInbox(Fixtures.PROVIDER_ADDRESS, 1).get(0);
        mail.reply(request, "OK");
        mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1);
        Mailbox.await(
            "both mails counted as sent",
            () -> registry.get("dispatchkit.mail.sent").tag("result", "sent").counter().count(),
            c -> c >= 2);
      }

      assertThat(
              registry
                  .get("dispatchkit.replies")
                  .tag("intent", "accept")
                  .tag("outcome", "applied")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(registry.get("dispatchkit.poll").timer().count()).isPositive();
      assertThat(registry.get("dispatchkit.poll.messages").summary().totalAmount()).isEqualTo(1);
      assertThat(registry.get("dispatchkit.mail.sent").tag("result", "sent").counter().count())
          .isEqualTo(2);
      assertThat(registry.get("dispatchkit.mail.sent").tag("result", "blocked").counter().count())
          .isZero();
      assertThat(registry.get("dispatchkit.outbox.blocked").gauge().value()).isZero();
      assertThat(registry.get("dispatchkit.outbox.oldest.age").gauge().value()).isZero();
      metrics[0].messageQuarantined();
      assertThat(registry.get("dispatchkit.quarantined").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void theOutboxGaugesReadTheStore() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Mailbox mail = new Mailbox()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:gauges-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      Host host = new Host(mail, h2, "mg_").withPreferences();
      host.kit.dispatch(Fixtures.dispatch().trackingNumber("400002").build());
      DispatchKitMetrics.bind(registry, host.kit);
      assertThat(registry.get("dispatchkit.outbox.pending").gauge().value()).isEqualTo(1);
      assertThat(host.kit.outboxState().pending()).isEqualTo(1);
    }
  }
}
