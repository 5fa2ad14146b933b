package dev.dispatchkit.testkit;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MailSource} fed by the test: {@link #deliver} adds a message, which stays waiting (and
 * is polled again) until it is acknowledged. Thread-safe. It passes {@link MailSourceContract}.
 */
public final class InMemoryMailSource implements MailSource {

  private final Map<String, ReceivedMail> waiting = new LinkedHashMap<>();
  private final List<ReceivedMail> acknowledged = new ArrayList<>();
  private final Map<String, Integer> failures = new LinkedHashMap<>();
  private long sequence;
  private boolean closed;

  /** An empty source. */
  public InMemoryMailSource() {}

  /** Adds a message; returns its receipt. */
  public synchronized String deliver(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    String receipt = "memory-" + (++sequence);
    waiting.put(receipt, new ReceivedMail(receipt, message));
    return receipt;
  }

  @Override
  public synchronized List<ReceivedMail> poll(int max) {
    if (closed) {
      throw new IllegalStateException("the source is closed");
    }
    return waiting.values().stream().limit(Math.max(0, max)).toList();
  }

  @Override
  public synchronized void acknowledge(ReceivedMail mail) {
    ReceivedMail removed = waiting.remove(mail.receipt());
    if (removed != null) {
      acknowledged.add(removed);
    }
  }

  @Override
  public synchronized void failed(ReceivedMail mail, Throwable failure) {
    failures.merge(mail.receipt(), 1, Integer::sum);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** Messages delivered and not yet acknowledged, oldest first. */
  public synchronized List<ReceivedMail> waiting() {
    return List.copyOf(waiting.values());
  }

  /** Messages acknowledged, in order. */
  public synchronized List<ReceivedMail> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** How many times handling the message with this receipt was reported as failed. */
  public synchronized int failures(String receipt) {
    return failures.getOrDefault(receipt, 0);
  }
}
