package dev.dispatchkit.spring.boot;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.runtime.LoopStatus;
import dev.dispatchkit.spi.OutboxState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The "dispatchkit" health: DOWN when the IMAP or SMTP server does not answer; the configured
 * status (DOWN or OUT_OF_SERVICE) when mail is blocked in the outbox or the oldest pending mail is
 * older than {@code dispatchkit.health.outbox-max-age}; UP otherwise. Details give each part, with
 * the runner's last error for each loop.
 */
public final class DispatchKitHealthIndicator extends AbstractHealthIndicator {

  private final DispatchKit kit;
  private final @Nullable ServerProbe smtp;
  private final @Nullable ServerProbe imap;
  private final @Nullable DispatchKitRunner runner;
  private final Duration outboxMaxAge;
  private final Status outboxStatus;
  private final Clock clock;

  DispatchKitHealthIndicator(
      DispatchKit kit,
      @Nullable ServerProbe smtp,
      @Nullable ServerProbe imap,
      @Nullable DispatchKitRunner runner,
      DispatchKitProperties.Health settings,
      Clock clock) {
    super("DispatchKit health check failed");
    this.kit = Objects.requireNonNull(kit, "kit");
    this.smtp = smtp;
    this.imap = imap;
    this.runner = runner;
    this.outboxMaxAge = settings.getOutboxMaxAge();
    this.outboxStatus = new Status(settings.getOutboxStatus().toUpperCase(java.util.Locale.ROOT));
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean serversUp = true;
    LoopStatus poll = runner == null ? null : runner.status().poll();
    LoopStatus relay = runner == null ? null : runner.status().relay();
    if (imap != null) {
      serversUp &= server(builder, "imap", imap, poll);
    }
    if (smtp != null) {
      serversUp &= server(builder, "smtp", smtp, relay);
    }
    OutboxState outbox = kit.outboxState();
    Duration age = outbox.oldestPendingAge(clock.instant());
    boolean outboxHealthy = outbox.blocked() == 0 && age.compareTo(outboxMaxAge) <= 0;
    Map<String, Object> outboxDetails = new LinkedHashMap<>();
    outboxDetails.put("status", outboxHealthy ? Status.UP.getCode() : outboxStatus.getCode());
    outboxDetails.put("pending", outbox.pending());
    outboxDetails.put("blocked", outbox.blocked());
    outboxDetails.put("oldestPendingAge", age.toString());
    outboxDetails.put("maxAge", outboxMaxAge.toString());
    builder.withDetail("outbox", outboxDetails);
    if (runner != null) {
      builder.withDetail("runner", runner.isRunning() ? "running" : "stopped");
    }
    if (!serversUp) {
      builder.down();
    } else if (!outboxHealthy) {
      builder.status(outboxStatus);
    } else {
      builder.up();
    }
  }

  private static boolean server(
      Health.Builder builder, String name, ServerProbe probe, @Nullable LoopStatus loop) {
    Optional<String> error = probe.check();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", error.isEmpty() ? Status.UP.getCode() : Status.DOWN.getCode());
    details.put("server", probe.server());
    error.ifPresent(e -> details.put("error", e));
    if (loop != null && loop.lastError() != null) {
      details.put("lastError", loop.lastError());
      details.put("consecutiveFailures", loop.consecutiveFailures());
    }
    builder.withDetail(name, details);
    return error.isEmpty();
  }
}
