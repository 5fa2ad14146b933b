package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.workorder.WorkOrder;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Dispatches} port: records found by id and
 * Message-ID, both unique. An adapter's test extends this class and returns a new, empty store from
 * {@link #createStore()}; every test here must pass unchanged. {@link WorkOrderStoreContract} runs
 * this contract together with those of the other ports.
 */
public abstract class DispatchesContract extends StoreContract {

  /** A dispatch record is found by its id and by its Message-ID; both are unique. */
  @Test
  protected void dispatchRecordsAreFoundAndUnique() {
    WorkOrder order = Fixtures.workOrder().build();
    DispatchRecord record = dispatchRecord(Long.MIN_VALUE + 7, order.key(), "abc.1@host.example");
    DispatchRecord other = dispatchRecord(Long.MAX_VALUE, order.key(), "abc.2@host.example");
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          tx.dispatches().record(record);
          tx.dispatches().record(other);
          return null;
        });
    assertThat(readDispatch(record.dispatchId())).contains(record);
    assertThat(readDispatchByMessageId("abc.2@host.example")).contains(other);
    assertThat(readDispatch(12345)).isEmpty();
    assertThat(readDispatchByMessageId("nope@host.example")).isEmpty();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.dispatches()
                          .record(
                              dispatchRecord(
                                  record.dispatchId(), order.key(), "fresh@host.example"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.dispatches().record(dispatchRecord(99, order.key(), "abc.1@host.example"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(readDispatch(99)).isEmpty();
  }
}
