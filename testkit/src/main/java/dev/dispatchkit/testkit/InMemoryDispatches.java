package dev.dispatchkit.testkit;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.Dispatches;
import java.util.Optional;

/** The dispatch records of an {@link InMemoryTransaction}. */
final class InMemoryDispatches implements Dispatches {
  private final InMemoryTransaction tx;

  InMemoryDispatches(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void record(DispatchRecord dispatch) {
    InMemoryState s = tx.state();
    if (s.dispatches.containsKey(dispatch.dispatchId())
        || s.dispatchByMessageId.containsKey(dispatch.messageId())) {
      throw new StoreException(
          "dispatch id or message id already recorded: " + dispatch.dispatchId(), null);
    }
    s.dispatches.put(dispatch.dispatchId(), dispatch);
    s.dispatchByMessageId.put(dispatch.messageId(), dispatch.dispatchId());
  }

  @Override
  public Optional<DispatchRecord> find(long dispatchId) {
    InMemoryState s = tx.state();
    return Optional.ofNullable(s.dispatches.get(dispatchId));
  }

  @Override
  public Optional<DispatchRecord> findByMessageId(String messageId) {
    InMemoryState s = tx.state();
    Long id = s.dispatchByMessageId.get(messageId);
    return id == null ? Optional.empty() : Optional.ofNullable(s.dispatches.get(id));
  }
}
