package dev.dispatchkit.testkit;

import dev.dispatchkit.ConcurrentUpdateException;
import dev.dispatchkit.DuplicateWorkOrderException;
import dev.dispatchkit.OutboxState;
import dev.dispatchkit.StoreException;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderPage;
import dev.dispatchkit.spi.WorkOrderQuery;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WorkOrderStore} in memory, for tests and demos. It passes {@link
 * WorkOrderStoreContract}.
 *
 * <p>Transactions run one at a time (a fair lock), on a private copy of the state that replaces the
 * shared state only when the work returns: a transaction that throws leaves nothing behind. That is
 * stricter than the databases the JDBC adapter supports, which is fine for a test double; the
 * optimistic versions, the inbox's unique keys and the outbox leases behave as the contract says.
 * Copying the state costs time proportional to its size, so keep it to test-sized data.
 */
public final class InMemoryWorkOrderStore implements WorkOrderStore {

  private final ReentrantLock lock = new ReentrantLock(true);
  private State state = new State();

  /** An empty store. */
  public InMemoryWorkOrderStore() {}

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      Tx tx = new Tx(state.copy());
      T result = work.apply(tx);
      tx.closed = true;
      state = tx.s;
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** How many work orders the store holds; for test assertions. */
  public int size() {
    return inTransaction(tx -> ((Tx) tx).s.orders.size());
  }

  /** Every outbox entry in the order enqueued; for test assertions. */
  public List<OutboxEntry> outbox() {
    return inTransaction(tx -> List.copyOf(((Tx) tx).s.outbox.values()));
  }

  /** Every inbox record in the order recorded; for test assertions. */
  public List<InboxRecord> inbox() {
    return inTransaction(tx -> List.copyOf(((Tx) tx).s.inbox.values()));
  }

  private record PrefKey(SubscriberId subscriber, ProviderId provider) {}

  private static final class State {
    Map<WorkOrderKey, WorkOrder> orders = new HashMap<>();
    Map<WorkOrderKey, List<WorkOrderEvent>> timelines = new HashMap<>();
    Map<Long, DispatchRecord> dispatches = new HashMap<>();
    Map<String, Long> dispatchByMessageId = new HashMap<>();
    LinkedHashMap<String, InboxRecord> inbox = new LinkedHashMap<>();
    LinkedHashMap<String, OutboxEntry> outbox = new LinkedHashMap<>();
    Map<String, Instant> leases = new HashMap<>();
    Map<PrefKey, DispatchPreference> preferences = new HashMap<>();
    Set<List<String>> marks = new HashSet<>();

    State copy() {
      State c = new State();
      c.orders = new HashMap<>(orders);
      // Timelines are copied lazily: append() replaces the list it extends.
      c.timelines = new HashMap<>(timelines);
      c.dispatches = new HashMap<>(dispatches);
      c.dispatchByMessageId = new HashMap<>(dispatchByMessageId);
      c.inbox = new LinkedHashMap<>(inbox);
      c.outbox = new LinkedHashMap<>(outbox);
      c.leases = new HashMap<>(leases);
      c.preferences = new HashMap<>(preferences);
      c.marks = new HashSet<>(marks);
      return c;
    }
  }

  private static final class Tx implements StoreTransaction {
    final State s;
    boolean closed;

    Tx(State s) {
      this.s = s;
    }

    private void open() {
      if (closed) {
        throw new IllegalStateException("the transaction is over");
      }
    }

    @Override
    public Optional<WorkOrder> find(WorkOrderKey key) {
      open();
      return Optional.ofNullable(s.orders.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber) {
      open();
      Objects.requireNonNull(trackingNumber, "trackingNumber");
      return s.orders.values().stream()
          .filter(o -> o.trackingNumber().equals(trackingNumber))
          .sorted(Comparator.comparing(o -> o.subscriber().value()))
          .toList();
    }

    @Override
    public void insert(WorkOrder order) {
      open();
      if (s.orders.containsKey(order.key())) {
        throw new DuplicateWorkOrderException(order.key());
      }
      s.orders.put(order.key(), order);
    }

    @Override
    public void update(WorkOrder order, long expectedVersion) {
      open();
      WorkOrder stored = s.orders.get(order.key());
      if (stored == null || stored.version() != expectedVersion) {
        throw new ConcurrentUpdateException(order.key(), expectedVersion);
      }
      s.orders.put(order.key(), order);
    }

    @Override
    public WorkOrderPage list(WorkOrderQuery query) {
      open();
      Comparator<WorkOrder> order =
          Comparator.comparing((WorkOrder o) -> o.expectedDate().instant());
      if (query.sort() == WorkOrderQuery.Sort.EXPECTED_DATE_DESC) {
        order = order.reversed();
      }
      order =
          order
              .thenComparing(o -> o.subscriber().value())
              .thenComparing(o -> o.trackingNumber().value());
      List<WorkOrder> matching =
          s.orders.values().stream().filter(o -> matches(o, query)).sorted(order).toList();
      int from = (int) Math.min(matching.size(), (long) query.offset());
      int to = (int) Math.min(matching.size(), (long) from + query.limit());
      return new WorkOrderPage(matching.subList(from, to), matching.size());
    }

    private static boolean matches(WorkOrder o, WorkOrderQuery q) {
      if (q.subscriber() != null && !q.subscriber().equals(o.subscriber())) {
        return false;
      }
      if (q.provider() != null && !q.provider().equals(o.provider())) {
        return false;
      }
      if (q.siteName() != null && !q.siteName().equals(o.site().name())) {
        return false;
      }
      if (!q.priorities().isEmpty() && !q.priorities().contains(o.priority())) {
        return false;
      }
      if (!q.primaryStatuses().isEmpty() && !q.primaryStatuses().contains(o.status().primary())) {
        return false;
      }
      if (!q.extendedStatuses().isEmpty()
          && !q.extendedStatuses().contains(o.status().extended())) {
        return false;
      }
      if (q.flags().isEmpty()) {
        return true;
      }
      WorkOrderFlags flags = q.policies().flags(o, q.asOf());
      for (WorkOrderQuery.Flag flag : q.flags()) {
        boolean has =
            switch (flag) {
              case LATE -> flags.late();
              case RESPONSE_OVERDUE -> flags.responseOverdue();
              case REASSIGNABLE -> flags.reassignable();
              case RESCHEDULED_TOO_OFTEN -> flags.rescheduledTooOften();
            };
        if (!has) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void append(WorkOrderKey key, WorkOrderEvent event) {
      open();
      Objects.requireNonNull(event, "event");
      List<WorkOrderEvent> next = new ArrayList<>(s.timelines.getOrDefault(key, List.of()));
      next.add(event);
      s.timelines.put(key, List.copyOf(next));
    }

    @Override
    public List<WorkOrderEvent> timeline(WorkOrderKey key) {
      open();
      return s.timelines.getOrDefault(key, List.of());
    }

    @Override
    public void recordDispatch(DispatchRecord dispatch) {
      open();
      if (s.dispatches.containsKey(dispatch.dispatchId())
          || s.dispatchByMessageId.containsKey(dispatch.messageId())) {
        throw new StoreException(
            "dispatch id or message id already recorded: " + dispatch.dispatchId(), null);
      }
      s.dispatches.put(dispatch.dispatchId(), dispatch);
      s.dispatchByMessageId.put(dispatch.messageId(), dispatch.dispatchId());
    }

    @Override
    public Optional<DispatchRecord> dispatch(long dispatchId) {
      open();
      return Optional.ofNullable(s.dispatches.get(dispatchId));
    }

    @Override
    public Optional<DispatchRecord> dispatchByMessageId(String messageId) {
      open();
      Long id = s.dispatchByMessageId.get(messageId);
      return id == null ? Optional.empty() : Optional.ofNullable(s.dispatches.get(id));
    }

    @Override
    public boolean recordInbound(InboxRecord record) {
      open();
      if (s.inbox.containsKey(record.dedupKey())) {
        return false;
      }
      s.inbox.put(record.dedupKey(), record);
      return true;
    }

    @Override
    public Optional<InboxRecord> inbound(String dedupKey) {
      open();
      return Optional.ofNullable(s.inbox.get(dedupKey));
    }

    @Override
    public List<InboxRecord> needingReview(int max) {
      open();
      return s.inbox.values().stream()
          .filter(InboxRecord::needsReview)
          .sorted(Comparator.comparing(InboxRecord::receivedAt))
          .limit(max)
          .toList();
    }

    @Override
    public void enqueue(OutboundMail mail, Instant dueAt) {
      open();
      Objects.requireNonNull(dueAt, "dueAt");
      if (s.outbox.containsKey(mail.id())) {
        throw new StoreException("outbox id already taken: " + mail.id(), null);
      }
      s.outbox.put(
          mail.id(), new OutboxEntry(mail, OutboxEntry.State.PENDING, 0, dueAt, null, null));
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
      open();
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
      open();
      OutboxEntry e = existing(outboxId);
      s.leases.remove(outboxId);
      s.outbox.put(
          outboxId,
          new OutboxEntry(
              e.mail(),
              OutboxEntry.State.SENT,
              e.attempts(),
              e.nextAttemptAt(),
              e.lastError(),
              at));
    }

    @Override
    public void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt) {
      open();
      OutboxEntry e = existing(outboxId);
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

    private OutboxEntry existing(String outboxId) {
      OutboxEntry e = s.outbox.get(outboxId);
      if (e == null) {
        throw new StoreException("no outbox entry " + outboxId, null);
      }
      return e;
    }

    @Override
    public Optional<OutboxEntry> outboxEntry(String outboxId) {
      open();
      return Optional.ofNullable(s.outbox.get(outboxId));
    }

    @Override
    public OutboxState outboxState() {
      open();
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
      open();
      return s.outbox.values().stream()
          .filter(e -> e.state() == OutboxEntry.State.BLOCKED)
          .limit(Math.max(0, max))
          .toList();
    }

    @Override
    public boolean release(String outboxId, Instant now) {
      open();
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

    @Override
    public Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider) {
      open();
      return Optional.ofNullable(s.preferences.get(new PrefKey(subscriber, provider)));
    }

    @Override
    public void savePreference(DispatchPreference preference) {
      open();
      s.preferences.put(new PrefKey(preference.subscriber(), preference.provider()), preference);
    }

    @Override
    public boolean markOnce(String scope, String key, Instant at) {
      open();
      Objects.requireNonNull(at, "at");
      return s.marks.add(List.of(scope, key));
    }
  }
}
