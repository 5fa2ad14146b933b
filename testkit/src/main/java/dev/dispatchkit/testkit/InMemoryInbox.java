package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.Inbox;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.workorder.SubscriberId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The inbox of an {@link InMemoryTransaction}. */
final class InMemoryInbox implements Inbox {
  private final InMemoryTransaction tx;

  InMemoryInbox(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean record(InboxRecord record) {
    InMemoryState s = tx.state();
    if (s.inbox.containsKey(record.dedupKey())) {
      return false;
    }
    s.inbox.put(record.dedupKey(), record);
    return true;
  }

  @Override
  public Optional<InboxRecord> find(String dedupKey) {
    InMemoryState s = tx.state();
    return Optional.ofNullable(s.inbox.get(dedupKey));
  }

  @Override
  public List<InboxRecord> needingReview(int max) {
    InMemoryState s = tx.state();
    return s.inbox.values().stream()
        .filter(InboxRecord::needsReview)
        .sorted(Comparator.comparing(InboxRecord::receivedAt))
        .limit(Math.max(0, max))
        .toList();
  }

  @Override
  public List<InboxRecord> needingReview(SubscriberId subscriber, int max) {
    InMemoryState s = tx.state();
    return s.inbox.values().stream()
        .filter(InboxRecord::needsReview)
        .filter(r -> r.key() != null && r.key().subscriber().equals(subscriber))
        .sorted(Comparator.comparing(InboxRecord::receivedAt))
        .limit(Math.max(0, max))
        .toList();
  }

  @Override
  public boolean markReviewed(String dedupKey, String outcome, Instant at) {
    InMemoryState s = tx.state();
    InboxRecord r = s.inbox.get(dedupKey);
    if (r == null || !r.needsReview()) {
      return false;
    }
    // put() on an existing key keeps its place, so the recorded order stays the tie-breaker.
    s.inbox.put(dedupKey, r.reviewed(outcome, at));
    return true;
  }
}
