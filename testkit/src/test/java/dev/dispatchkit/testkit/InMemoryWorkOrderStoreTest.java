package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.WorkOrderStore;

class InMemoryWorkOrderStoreTest extends WorkOrderStoreContract {
  @Override
  protected WorkOrderStore createStore() {
    return new InMemoryWorkOrderStore();
  }
}
