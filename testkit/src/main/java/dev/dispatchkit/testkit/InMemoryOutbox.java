package dev.dispatchkit.testkit;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.Outbox;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.OutboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outbox of an {@link InMemoryTransaction}, with its leases. */
final class InMemoryOutbox implements Outbox {
  private final InMemoryTransaction tx;

  InMemoryOutbox(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void enqueue(OutboundMail mail, Instant dueAt) {
    InMemoryState s = tx.state();
    Objects.requireNonNull(dueAt, "dueAt");
    if (s.outbox.containsKey(mail.id())) {
      throw new StoreException("outbox id already taken: " + mail.id(), null);
    }
    s.outbox.put(mail.id(), new OutboxEntry(mail, OutboxEntry.State.PENDING, 0, dueAt, null, null));
  }

  @Override
  public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
    InMemoryState s = tx.state();
    Instant until = now.plus(lease);
    List<OutboxEntry> due =
        s.outbox.values().stream()
            .filter(e -> e.state() == OutboxEntry.State.PENDING)
            .filter(e -> !e.nextAttemptAt().isAfter(now))
            .filter(
                e -> {
                  Instant held = s.leases.get(e.id());
                  return held == null || !held.isAfter(now);
                })
            .sorted(Comparator.comparing(OutboxEntry::nextAttemptAt))
            .limit(Math.max(0, max))
            .toList();
    due.forEach(e -> s.leases.put(e.id(), until));
    return due;
  }

  @Override
  public void markSent(String outboxId, Instant at) {
    InMemoryState s = tx.state();
    OutboxEntry e = existing(s, outboxId);
    s.leases.remove(outboxId);
    s.outbox.put(
        outboxId,
        new OutboxEntry(
            e.mail(), OutboxEntry.State.SENT, e.attempts(), e.nextAttemptAt(), e.lastError(), at));
  }

  @Override
  public void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt) {
    InMemoryState s = tx.state();
    OutboxEntry e = existing(s, outboxId);
    s.leases.remove(outboxId);
    s.outbox.put(
        outboxId,
        new OutboxEntry(
            e.mail(),
            nextAttemptAt == null ? OutboxEntry.State.BLOCKED : OutboxEntry.State.PENDING,
            e.attempts() + 1,
            nextAttemptAt == null ? e.nextAttemptAt() : nextAttemptAt,
            error,
            null));
  }

  private static OutboxEntry existing(InMemoryState s, String outboxId) {
    OutboxEntry e = s.outbox.get(outboxId);
    if (e == null) {
      throw new StoreException("no outbox entry " + outboxId, null);
    }
    return e;
  }

  @Override
  public Optional<OutboxEntry> find(String outboxId) {
    InMemoryState s = tx.state();
    return Optional.ofNullable(s.outbox.get(outboxId));
  }

  @Override
  public OutboxState state() {
    InMemoryState s = tx.state();
    long pending = 0;
    long blocked = 0;
    Instant oldest = null;
    for (OutboxEntry e : s.outbox.values()) {
      if (e.state() == OutboxEntry.State.PENDING) {
        pending++;
        if (oldest == null || e.nextAttemptAt().isBefore(oldest)) {
          oldest = e.nextAttemptAt();
        }
      } else if (e.state() == OutboxEntry.State.BLOCKED) {
        blocked++;
      }
    }
    return new OutboxState(pending, oldest, blocked);
  }

  @Override
  public List<OutboxEntry> blocked(int max) {
    InMemoryState s = tx.state();
    return s.outbox.values().stream()
        .filter(e -> e.state() == OutboxEntry.State.BLOCKED)
        .limit(Math.max(0, max))
        .toList();
  }

  @Override
  public boolean release(String outboxId, Instant now) {
    InMemoryState s = tx.state();
    OutboxEntry e = s.outbox.get(outboxId);
    if (e == null || e.state() != OutboxEntry.State.BLOCKED) {
      return false;
    }
    s.leases.remove(outboxId);
    s.outbox.put(
        outboxId,
        new OutboxEntry(e.mail(), OutboxEntry.State.PENDING, 0, now, e.lastError(), null));
    return true;
  }
}
