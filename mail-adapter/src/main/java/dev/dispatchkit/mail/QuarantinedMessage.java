package dev.dispatchkit.mail;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message that {@link ImapMailSource} set aside in its quarantine folder instead of handing it to
 * the core. A person should look at it: it never comes back on its own.
 *
 * @param reason why it was set aside
 * @param folder the folder it now lies in
 * @param messageId its {@code Message-ID} without angle brackets; null when absent
 * @param from its sender's address; null when absent or unreadable
 * @param subject its subject; empty when absent
 * @param size its size in bytes, as the server reported it
 * @param failures how many times handling it failed; 0 unless {@code reason} is {@link
 *     Reason#TOO_MANY_FAILURES}, 1 for {@link Reason#TOO_COSTLY}
 * @param failure the last failure: the parser's error or the core's; null for an oversized message
 * @param quarantinedAt when it was set aside
 */
public record QuarantinedMessage(
    Reason reason,
    String folder,
    @Nullable String messageId,
    @Nullable String from,
    String subject,
    long size,
    int failures,
    @Nullable Throwable failure,
    Instant quarantinedAt) {

  /** Requires the reason, folder, subject and instant. */
  public QuarantinedMessage {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(quarantinedAt, "quarantinedAt");
  }

  /** Why a message was set aside. */
  public enum Reason {
    /** Larger than the source's maximum message size; its content was never fetched. */
    OVERSIZED,
    /** The MIME parser could not read it. */
    UNPARSEABLE,
    /** Handling it failed as many times as the source allows. */
    TOO_MANY_FAILURES,
    /**
     * Reading or handling it cost more than its budget, or ran out of memory or stack: set aside at
     * the first attempt, since another would cost as much.
     */
    TOO_COSTLY
  }
}
