package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.Dispatches;
import dev.dispatchkit.spi.Inbox;
import dev.dispatchkit.spi.OnceMarks;
import dev.dispatchkit.spi.Outbox;
import dev.dispatchkit.spi.Preferences;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.Timeline;
import dev.dispatchkit.spi.WorkOrders;

/** A transaction of an {@link InMemoryWorkOrderStore}: its role ports over one private state. */
final class InMemoryTransaction implements StoreTransaction {
  private final InMemoryState state;
  private boolean closed;
  private final WorkOrders workOrders = new InMemoryWorkOrders(this);
  private final Timeline timeline = new InMemoryTimeline(this);
  private final Dispatches dispatches = new InMemoryDispatches(this);
  private final Inbox inbox = new InMemoryInbox(this);
  private final Outbox outbox = new InMemoryOutbox(this);
  private final Preferences preferences = new InMemoryPreferences(this);
  private final OnceMarks onceMarks = new InMemoryOnceMarks(this);

  InMemoryTransaction(InMemoryState state) {
    this.state = state;
  }

  /** The state this transaction works on, while it is open. */
  InMemoryState state() {
    if (closed) {
      throw new IllegalStateException("the transaction is over");
    }
    return state;
  }

  /** Ends the transaction and hands over its state, to become the store's. */
  InMemoryState close() {
    closed = true;
    return state;
  }

  @Override
  public WorkOrders workOrders() {
    return workOrders;
  }

  @Override
  public Timeline timeline() {
    return timeline;
  }

  @Override
  public Dispatches dispatches() {
    return dispatches;
  }

  @Override
  public Inbox inbox() {
    return inbox;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Preferences preferences() {
    return preferences;
  }

  @Override
  public OnceMarks onceMarks() {
    return onceMarks;
  }
}
