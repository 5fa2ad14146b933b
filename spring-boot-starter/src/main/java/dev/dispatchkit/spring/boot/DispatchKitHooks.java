package dev.dispatchkit.spring.boot;

import dev.dispatchkit.mail.QuarantinedMessage;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.ForwardingDispatchListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The late links between beans that need each other: the kit's listener is built before the runner
 * and the metrics that decorate it (both need the kit), and the IMAP source's quarantine callback
 * before the metrics that count it.
 */
final class DispatchKitHooks {

  private volatile DispatchListener chain;
  private final List<Consumer<QuarantinedMessage>> quarantineHandlers =
      new CopyOnWriteArrayList<>();

  DispatchKitHooks(DispatchListener hostListener) {
    this.chain = Objects.requireNonNull(hostListener, "hostListener");
  }

  /** Wraps the current listener chain, such as in the runner's or the metrics' listener. */
  synchronized void decorate(UnaryOperator<DispatchListener> decorator) {
    chain = Objects.requireNonNull(decorator.apply(chain), "decorated listener");
  }

  /** Adds a handler told of each message the IMAP source sets aside. */
  void onQuarantine(Consumer<QuarantinedMessage> handler) {
    quarantineHandlers.add(handler);
  }

  /** The callback to give the IMAP source. */
  void quarantined(QuarantinedMessage message) {
    for (Consumer<QuarantinedMessage> handler : quarantineHandlers) {
      handler.accept(message);
    }
  }

  /** The listener to give the kit: it forwards to whatever the chain is when called. */
  DispatchListener listener() {
    return new ForwardingDispatchListener() {
      @Override
      protected DispatchListener delegate() {
        return chain;
      }
    };
  }
}
