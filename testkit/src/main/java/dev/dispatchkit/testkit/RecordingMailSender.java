package dev.dispatchkit.testkit;

import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.OutboundMail;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MailSender} that keeps what it is given, for tests. It can be told to fail: the next
 * {@code n} sends with a passing failure, or every send with a permanent one. A failed send is not
 * recorded. Thread-safe. It passes {@link MailSenderContract}.
 */
public final class RecordingMailSender implements MailSender {

  private final List<OutboundMail> sent = new ArrayList<>();
  private int failuresLeft;
  private boolean failPermanently;
  private int attempts;

  /** A sender that accepts everything. */
  public RecordingMailSender() {}

  @Override
  public synchronized void send(OutboundMail mail) {
    Objects.requireNonNull(mail, "mail");
    attempts++;
    if (failPermanently) {
      throw new MailTransportException("recipient refused (test)", true, mail.messageId(), null);
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new MailTransportException("server unavailable (test)", false, mail.messageId(), null);
    }
    sent.add(mail);
  }

  /** The next {@code n} sends fail with a passing (retryable) failure. */
  public synchronized RecordingMailSender failNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be 0 or more, was " + n);
    }
    failuresLeft = n;
    return this;
  }

  /** Every send fails with a permanent failure until {@link #recover()}. */
  public synchronized RecordingMailSender failPermanently() {
    failPermanently = true;
    return this;
  }

  /** Sends succeed again. */
  public synchronized RecordingMailSender recover() {
    failPermanently = false;
    failuresLeft = 0;
    return this;
  }

  /** The mails sent, in order. */
  public synchronized List<OutboundMail> sent() {
    return List.copyOf(sent);
  }

  /** The mails sent to {@code address} (ignoring case), in order. */
  public synchronized List<OutboundMail> sentTo(String address) {
    return sent.stream()
        .filter(m -> m.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
        .toList();
  }

  /** How many times {@link #send} was called, failures included. */
  public synchronized int attempts() {
    return attempts;
  }

  /** Forgets what was sent. */
  public synchronized void clear() {
    sent.clear();
  }
}
