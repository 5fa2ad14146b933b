package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.AttachmentStore;

class InMemoryAttachmentStoreTest extends AttachmentStoreContract {
  @Override
  protected AttachmentStore createStore() {
    return new InMemoryAttachmentStore();
  }
}
