package dev.dispatchkit.runtime;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.ForwardingDispatchListener;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.OutboxState;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DispatchKit's Micrometer meters. Micrometer is an optional dependency of this module: only a host
 * that calls {@link #bind} needs it. Pass the result as the runner's {@link
 * DispatchKitRunner.Builder#observer observer}, and wrap the kit's listener with {@link
 * #listener(DispatchListener)}.
 *
 * <p>Meters (tags are low-cardinality: never a tracking number or an address):
 *
 * <ul>
 *   <li>{@code dispatchkit.replies} counter, tags {@code intent}, {@code outcome}
 *   <li>{@code dispatchkit.poll} timer, and {@code dispatchkit.poll.messages} distribution summary
 *   <li>{@code dispatchkit.quarantined} counter ({@link #messageQuarantined()})
 *   <li>{@code dispatchkit.outbox.pending}, {@code dispatchkit.outbox.oldest.age} (seconds) and
 *       {@code dispatchkit.outbox.blocked} gauges, from {@link DispatchKit#outboxState()} read at
 *       most every {@value #STATE_TTL_SECONDS} seconds
 *   <li>{@code dispatchkit.mail.sent} counter, tag {@code result}: {@code sent}, {@code failed} (a
 *       relay run that failed as a whole), {@code blocked}
 *   <li>{@code dispatchkit.sweep.events} counter, tag {@code kind}: {@code response-overdue},
 *       {@code late}, {@code reassigned}
 * </ul>
 */
public final class DispatchKitMetrics implements RunnerObserver {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit.runtime");
  static final long STATE_TTL_SECONDS = 5;

  private final MeterRegistry registry;
  private final DispatchKit kit;
  private final Clock clock = Clock.systemUTC();
  private final Timer poll;
  private final DistributionSummary pollMessages;
  private final Counter quarantined;
  private final Counter sent;
  private final Counter sendFailed;
  private final Counter blocked;
  private final Counter overdue;
  private final Counter late;
  private final Counter reassigned;

  private @Nullable OutboxState cached;
  private @Nullable Instant cachedAt;

  private DispatchKitMetrics(MeterRegistry registry, DispatchKit kit) {
    this.registry = registry;
    this.kit = kit;
    this.poll =
        Timer.builder("dispatchkit.poll")
            .description("Time to poll the mail source and handle the messages")
            .register(registry);
    this.pollMessages =
        DistributionSummary.builder("dispatchkit.poll.messages")
            .description("Messages per poll")
            .baseUnit("messages")
            .register(registry);
    this.quarantined =
        Counter.builder("dispatchkit.quarantined")
            .description("Inbound messages set aside as unreadable")
            .register(registry);
    this.sent = sendCounter("sent");
    this.sendFailed = sendCounter("failed");
    this.blocked = sendCounter("blocked");
    this.overdue = sweepCounter("response-overdue");
    this.late = sweepCounter("late");
    this.reassigned = sweepCounter("reassigned");
    gauge("dispatchkit.outbox.pending", "Mails waiting in the outbox", s -> s.pending(), null);
    gauge(
        "dispatchkit.outbox.oldest.age",
        "How long the oldest pending mail has been due",
        s -> s.oldestPendingAge(clock.instant()).toMillis() / 1000.0,
        "seconds");
    gauge(
        "dispatchkit.outbox.blocked",
        "Mails waiting for a person to release them",
        s -> s.blocked(),
        null);
  }

  /**
   * Registers DispatchKit's meters in {@code registry}, reading the outbox state of {@code kit}.
   */
  public static DispatchKitMetrics bind(MeterRegistry registry, DispatchKit kit) {
    return new DispatchKitMetrics(
        Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(kit, "kit"));
  }

  /**
   * A listener that counts blocked mail and sweep events, and forwards everything to {@code
   * delegate}. Build the kit with it (around {@link DispatchKitRunner#listener}'s, for instance).
   */
  public DispatchListener listener(DispatchListener delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new ForwardingDispatchListener() {
      @Override
      protected DispatchListener delegate() {
        return delegate;
      }

      @Override
      public void statusChanged(WorkOrder order, WorkOrderEvent event) {
        if (event instanceof WorkOrderEvent.Reassigned) {
          reassigned.increment();
        }
        super.statusChanged(order, event);
      }

      @Override
      public void responseOverdue(WorkOrder order) {
        overdue.increment();
        super.responseOverdue(order);
      }

      @Override
      public void late(WorkOrder order) {
        late.increment();
        super.late(order);
      }

      @Override
      public void mailBlocked(OutboxEntry entry) {
        blocked.increment();
        super.mailBlocked(entry);
      }
    };
  }

  /** Counts a message the source set aside (for IMAP: from its quarantine callback). */
  public void messageQuarantined() {
    quarantined.increment();
  }

  @Override
  public void polled(PollResult result, Duration took) {
    poll.record(took);
    pollMessages.record(result.items().size());
    for (PollResult.Item item : result.items()) {
      InboundResult r = item.result();
      String intent =
          r == null || r.decision() == null
              ? "none"
              : r.decision().intent().name().toLowerCase(Locale.ROOT).replace('_', '-');
      String outcome =
          r == null ? "failed" : r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
      registry.counter("dispatchkit.replies", "intent", intent, "outcome", outcome).increment();
    }
  }

  @Override
  public void relayed(int count) {
    sent.increment(count);
  }

  @Override
  public void relayFailed(Throwable failure) {
    sendFailed.increment();
  }

  private Counter sendCounter(String result) {
    return Counter.builder("dispatchkit.mail.sent")
        .description("Outbox sends by result")
        .tag("result", result)
        .register(registry);
  }

  private Counter sweepCounter(String kind) {
    return Counter.builder("dispatchkit.sweep.events")
        .description("Events raised by the sweep")
        .tag("kind", kind)
        .register(registry);
  }

  private void gauge(
      String name, String description, ToDoubleFunction<OutboxState> value, @Nullable String unit) {
    Gauge.Builder<DispatchKitMetrics> b =
        Gauge.builder(name, this, m -> m.outboxValue(value)).description(description);
    if (unit != null) {
      b = b.baseUnit(unit);
    }
    b.register(registry);
  }

  private double outboxValue(ToDoubleFunction<OutboxState> value) {
    OutboxState s = outboxState();
    return s == null ? Double.NaN : value.applyAsDouble(s);
  }

  /** The outbox state, read again when older than the TTL; null when the store failed. */
  private synchronized @Nullable OutboxState outboxState() {
    Instant now = clock.instant();
    if (cached == null
        || cachedAt == null
        || Duration.between(cachedAt, now).compareTo(Duration.ofSeconds(STATE_TTL_SECONDS)) >= 0) {
      try {
        cached = kit.outboxState();
        cachedAt = now;
      } catch (RuntimeException e) {
        LOG.debug("outbox state unavailable: {}", e.toString());
        return null;
      }
    }
    return cached;
  }
}
