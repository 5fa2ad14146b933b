package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.WorkOrderStore;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link WorkOrderStore} must have: every per-port contract, each as a nested
 * class. An adapter's test extends this class and returns a new, empty store from {@link
 * #createStore()}; every test of every port must pass unchanged. To run one port's contract alone
 * (while writing an adapter, say), extend that contract instead, such as {@link OutboxContract}.
 */
public abstract class WorkOrderStoreContract {

  /**
   * A new store with no data in it, for each test of each port. Adapters on a shared database empty
   * their tables here.
   *
   * @return the store under test
   */
  protected abstract WorkOrderStore createStore();

  /** The {@link TransactionContract}. */
  @Nested
  public class UnitOfWork extends TransactionContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link WorkOrdersContract}. */
  @Nested
  public class WorkOrdersPort extends WorkOrdersContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link TimelineContract}. */
  @Nested
  public class TimelinePort extends TimelineContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link DispatchesContract}. */
  @Nested
  public class DispatchesPort extends DispatchesContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link InboxContract}. */
  @Nested
  public class InboxPort extends InboxContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link OutboxContract}. */
  @Nested
  public class OutboxPort extends OutboxContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link PreferencesContract}. */
  @Nested
  public class PreferencesPort extends PreferencesContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }

  /** The {@link OnceMarksContract}. */
  @Nested
  public class OnceMarksPort extends OnceMarksContract {
    @Override
    protected WorkOrderStore createStore() {
      return WorkOrderStoreContract.this.createStore();
    }
  }
}
