package dev.dispatchkit.internal;

import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.spi.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends queued mail, retries it with backoff, and blocks what keeps failing. */
final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;

  OutboxRelay(Settings settings, UnitOfWork work) {
    this.s = settings;
    this.work = work;
  }

  /** Sends due mail once; returns how many were sent. */
  int relayOutbox(int max) {
    Instant claimedAt = work.now();
    List<OutboxEntry> claimed =
        s.store().inTransaction(tx -> tx.outbox().claimDue(claimedAt, s.lease(), max));
    int sent = 0;
    for (OutboxEntry entry : claimed) {
      try {
        s.mailSender().send(entry.mail());
        Instant at = work.now();
        s.store()
            .inTransaction(
                tx -> {
                  tx.outbox().markSent(entry.id(), at);
                  Deliveries.sent(tx, entry.mail());
                  return null;
                });
        sent++;
      } catch (MailTransportException e) {
        int attempts = entry.attempts() + 1;
        boolean block = e.permanent() || attempts >= s.maxAttempts();
        Instant next = block ? null : work.now().plus(backoff(attempts));
        String error = e.getMessage() == null ? "send failed" : e.getMessage();
        s.store()
            .inTransaction(
                tx -> {
                  tx.outbox().markFailed(entry.id(), error, next);
                  return null;
                });
        if (block) {
          LOG.warn("mail {} blocked after {} attempt(s)", entry.id(), attempts);
          OutboxEntry blocked =
              s.store().inTransaction(tx -> tx.outbox().find(entry.id())).orElse(entry);
          UnitOfWork.safely(() -> s.listener().mailBlocked(blocked));
        }
      }
    }
    return sent;
  }

  private Duration backoff(int attempts) {
    Duration d = s.initialBackoff();
    for (int i = 1; i < attempts && d.compareTo(s.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(s.maxBackoff()) > 0 ? s.maxBackoff() : d;
  }

  /** Makes a blocked mail pending again. */
  boolean releaseBlocked(String outboxId) {
    Instant at = work.now();
    return s.store().inTransaction(tx -> tx.outbox().release(outboxId, at));
  }
}
