package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.spi.Dispatches;
import dev.dispatchkit.spi.Inbox;
import dev.dispatchkit.spi.OnceMarks;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.Outbox;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.OutboxState;
import dev.dispatchkit.spi.Preferences;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.Timeline;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.spi.WorkOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An instance's store as the soak watches it: counts the units of work that lost a race on a work
 * order's version ({@link ConcurrentUpdateException}, which the facade runs again from the start),
 * and notes when each queued mail was committed, the start of its outbox lag. Everything else goes
 * to the real store unchanged.
 */
final class ObservedStore implements WorkOrderStore {
  private final WorkOrderStore delegate;
  private final LongAdder conflicts;
  private final Map<String, Long> committedNanos;

  /**
   * @param delegate the instance's JDBC store
   * @param conflicts counts version conflicts, shared by every instance
   * @param committedNanos where the commit time of each queued mail goes, by outbox id
   */
  ObservedStore(WorkOrderStore delegate, LongAdder conflicts, Map<String, Long> committedNanos) {
    this.delegate = delegate;
    this.conflicts = conflicts;
    this.committedNanos = committedNanos;
  }

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    // The JDBC store runs the work again after a deadlock: only the attempt that committed counts.
    List<List<String>> queued = new ArrayList<>(1);
    T result;
    try {
      result =
          delegate.inTransaction(
              tx -> {
                List<String> ids = new ArrayList<>();
                queued.clear();
                queued.add(ids);
                return work.apply(new Watched(tx, ids));
              });
    } catch (ConcurrentUpdateException e) {
      conflicts.increment();
      throw e;
    }
    if (!queued.isEmpty() && !queued.get(0).isEmpty()) {
      long now = System.nanoTime();
      for (String id : queued.get(0)) {
        committedNanos.put(id, now);
      }
    }
    return result;
  }

  /** A transaction whose outbox notes the ids it queues. */
  private record Watched(StoreTransaction tx, List<String> queued) implements StoreTransaction {
    @Override
    public WorkOrders workOrders() {
      return tx.workOrders();
    }

    @Override
    public Timeline timeline() {
      return tx.timeline();
    }

    @Override
    public Dispatches dispatches() {
      return tx.dispatches();
    }

    @Override
    public Inbox inbox() {
      return tx.inbox();
    }

    @Override
    public Outbox outbox() {
      return new NotingOutbox(tx.outbox(), queued);
    }

    @Override
    public Preferences preferences() {
      return tx.preferences();
    }

    @Override
    public OnceMarks onceMarks() {
      return tx.onceMarks();
    }
  }

  private record NotingOutbox(Outbox outbox, List<String> queued) implements Outbox {
    @Override
    public void enqueue(OutboundMail mail, Instant dueAt) {
      outbox.enqueue(mail, dueAt);
      queued.add(mail.id());
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
      return outbox.claimDue(now, lease, max);
    }

    @Override
    public void markSent(String outboxId, Instant at) {
      outbox.markSent(outboxId, at);
    }

    @Override
    public void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt) {
      outbox.markFailed(outboxId, error, nextAttemptAt);
    }

    @Override
    public Optional<OutboxEntry> find(String outboxId) {
      return outbox.find(outboxId);
    }

    @Override
    public List<OutboxEntry> blocked(int max) {
      return outbox.blocked(max);
    }

    @Override
    public OutboxState state() {
      return outbox.state();
    }

    @Override
    public boolean release(String outboxId, Instant now) {
      return outbox.release(outboxId, now);
    }
  }
}
