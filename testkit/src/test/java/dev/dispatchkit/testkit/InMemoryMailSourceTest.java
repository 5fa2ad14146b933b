package dev.dispatchkit.testkit;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailSource;

class InMemoryMailSourceTest extends MailSourceContract {
  private InMemoryMailSource memory;

  @Override
  protected MailSource createSource() {
    memory = new InMemoryMailSource();
    return memory;
  }

  @Override
  protected void deliver(InboundMessage message) {
    memory.deliver(message);
  }
}
