package dev.dispatchkit.spi;

import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An inbound message that was handled, kept so that it is never applied twice.
 *
 * @param dedupKey the message's Message-ID, or a hash of its content when it has none; unique
 * @param messageId the Message-ID, when it had one
 * @param from the sender's address, when known
 * @param receivedAt when it was handled
 * @param intent what the classifier decided
 * @param reason the reason code of the decision
 * @param key the work order it was about, when one was found
 * @param outcome what was done, such as {@code applied}, {@code ignored-duplicate-decision}
 * @param needsReview whether a person should read it
 */
public record InboxRecord(
    String dedupKey,
    @Nullable String messageId,
    @Nullable String from,
    Instant receivedAt,
    Intent intent,
    String reason,
    @Nullable WorkOrderKey key,
    String outcome,
    boolean needsReview) {
  /** Checks the required parts. */
  public InboxRecord {
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(outcome, "outcome");
  }
}
