package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.OutboundMail;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail server of the soak: counts every mail it is handed by outbox id, notes when it first got
 * each, and keeps the service requests, which the replies answer. It never fails, so a mail handed
 * to it twice is a duplicate send, never a retry.
 */
final class CountingMailSender implements MailSender {
  private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
  private final Map<String, Long> firstSentNanos = new ConcurrentHashMap<>();
  private final Map<String, DispatchedOrder> requests = new ConcurrentHashMap<>();

  @Override
  public void send(OutboundMail mail) {
    long now = System.nanoTime();
    sends.computeIfAbsent(mail.id(), id -> new AtomicInteger()).incrementAndGet();
    firstSentNanos.putIfAbsent(mail.id(), now);
    if (mail.kind() == MailKind.DISPATCH) {
      String tracking =
          Objects.requireNonNull(
              mail.headers().get("X-DispatchKit-Tracking"), "a service request's tracking number");
      requests.putIfAbsent(
          tracking,
          new DispatchedOrder(
              tracking,
              mail.to().get(0),
              Objects.requireNonNull(mail.replyTo(), "a service request's Reply-To"),
              mail.messageId(),
              mail.subject()));
    }
  }

  /** How often each outbox id was handed over. */
  Map<String, AtomicInteger> sends() {
    return sends;
  }

  /** When each outbox id was first handed over ({@link System#nanoTime()}). */
  Map<String, Long> firstSentNanos() {
    return firstSentNanos;
  }

  /** The service requests handed over, by tracking number. */
  Map<String, DispatchedOrder> requests() {
    return requests;
  }
}
