package dev.dispatchkit.spi;

import dev.dispatchkit.error.MailTransportException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where inbound replies come from. A message stays in the source until it is acknowledged, which
 * the core does only after the transaction that applied it has committed: a crash in between means
 * the message is delivered again, and the inbox makes the second delivery a no-op.
 *
 * <p>A message the source cannot parse never reaches the core; the source sets it aside (for IMAP,
 * in a quarantine folder) and reports it through its own callback.
 */
public interface MailSource extends AutoCloseable {

  /**
   * Returns the messages waiting, at most {@code max}, without marking them read. The caller closes
   * each mail when done with it (see {@link ReceivedMail#close()}), acknowledged or not.
   *
   * @throws MailTransportException when the source cannot be reached
   */
  List<ReceivedMail> poll(int max);

  /**
   * Hands the messages waiting, at most {@code max}, to {@code handler} one at a time, in the order
   * {@link #poll(int)} would return them. The handler may {@linkplain #acknowledge acknowledge},
   * {@linkplain #failed fail} or {@linkplain #tooCostly set aside} each message before the next one
   * comes. A source that reads its messages in batches hands each one over before it reads the next
   * batch, so a large {@code max} never holds all the messages at once; the default calls {@link
   * #poll(int)} and hands over its list. Each mail is {@linkplain ReceivedMail#close() closed} once
   * its handler is done with it (the default closes the whole list at the end, also the mails the
   * handler never got): a handler that keeps a mail's attachments past its return reads them
   * before.
   *
   * @return how many messages were handed over
   * @throws MailTransportException when the source cannot be reached
   * @throws RuntimeException what the handler threw; the messages after it stay waiting
   */
  default int poll(int max, Consumer<? super ReceivedMail> handler) {
    Objects.requireNonNull(handler, "handler");
    List<ReceivedMail> mails = poll(max);
    int handed = 0;
    try {
      for (ReceivedMail mail : mails) {
        handler.accept(mail);
        handed++;
      }
    } finally {
      // The mails the handler never got (it threw, or the list's iterator ended early, as a
      // stopping runner's does) hold files too; closing is idempotent, so the handled are safe.
      for (int i = 0; i < mails.size(); i++) {
        try {
          mails.get(i).close();
        } catch (RuntimeException e) {
          // Nothing to report here: the source releases what is left when it is closed.
        }
      }
    }
    return handed;
  }

  /** The message was applied and committed: remove it from the waiting messages. */
  void acknowledge(ReceivedMail mail);

  /**
   * Handling the message failed. It stays waiting, and a source sets it aside after a number of
   * failures of its own choosing.
   */
  void failed(ReceivedMail mail, Throwable failure);

  /**
   * Handling the message cost more than its budget (see {@code docs/reliability.md}), or ran out of
   * memory or stack. Trying again would cost as much: a source should set it aside at once. By
   * default it counts as one failure, so a source without a quarantine of its own still sets it
   * aside after its usual number of failures.
   *
   * @param mail the message
   * @param failure a {@code MalformedMessageException} with reason {@code TOO_COSTLY}
   */
  default void tooCostly(ReceivedMail mail, Throwable failure) {
    failed(mail, failure);
  }

  /**
   * Waits until new mail may be waiting, or {@code timeout} passes, for a source that the server
   * can tell of new mail (IMAP {@code IDLE}). A poll loop alternates {@link #poll} and this method
   * to pick up a message as soon as it arrives.
   *
   * @return true when new mail may be waiting; false on timeout, on interrupt, once closed, or at
   *     once when the source has no way to be told (the default)
   */
  default boolean awaitNewMail(Duration timeout) {
    return false;
  }

  /** Releases connections. */
  @Override
  void close();
}
