package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

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
  private InMemoryState state = new InMemoryState();

  /** An empty store. */
  public InMemoryWorkOrderStore() {}

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      InMemoryTransaction tx = new InMemoryTransaction(state.copy());
      T result = work.apply(tx);
      state = tx.close();
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** How many work orders the store holds; for test assertions. */
  public int size() {
    return inTransaction(tx -> ((InMemoryTransaction) tx).state().orders.size());
  }

  /** Every outbox entry in the order enqueued; for test assertions. */
  public List<OutboxEntry> outbox() {
    return inTransaction(tx -> List.copyOf(((InMemoryTransaction) tx).state().outbox.values()));
  }

  /** Every inbox record in the order recorded; for test assertions. */
  public List<InboxRecord> inbox() {
    return inTransaction(tx -> List.copyOf(((InMemoryTransaction) tx).state().inbox.values()));
  }
}
