package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.util.function.Function;

/** A work-order store built with {@code migrate(false)}: see {@link SchemaCheck}. */
final class SchemaCheckedStore implements WorkOrderStore {
  private final WorkOrderStore delegate;
  private final SchemaCheck check;

  SchemaCheckedStore(WorkOrderStore delegate, SchemaCheck check) {
    this.delegate = delegate;
    this.check = check;
  }

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    try {
      T result = delegate.inTransaction(work);
      check.succeeded();
      return result;
    } catch (StoreException e) {
      throw check.explain(e);
    }
  }

  @Override
  public <T> T inReadOnlyTransaction(Function<? super StoreTransaction, ? extends T> work) {
    try {
      T result = delegate.inReadOnlyTransaction(work);
      check.succeeded();
      return result;
    } catch (StoreException e) {
      throw check.explain(e);
    }
  }
}
