package dev.dispatchkit.spi;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mail in the outbox, with its delivery state.
 *
 * @param mail the mail; its {@link OutboundMail#id()} is the entry's id
 * @param state where it stands
 * @param attempts how many sends failed so far
 * @param nextAttemptAt when it is due next; meaningful while pending
 * @param lastError the last failure, if any
 * @param sentAt when it was handed to the mail server, once sent
 */
public record OutboxEntry(
    OutboundMail mail,
    State state,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError,
    @Nullable Instant sentAt) {

  /** Where an outbox entry stands. */
  public enum State {
    /** Waiting to be sent, possibly after failures. */
    PENDING,
    /** Handed to the mail server. */
    SENT,
    /** Failed too often; waits for a person to release it. */
    BLOCKED
  }

  /** Checks the required parts. */
  public OutboxEntry {
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be 0 or more, was " + attempts);
    }
  }

  /** The entry's id, the same as the mail's. */
  public String id() {
    return mail.id();
  }
}
