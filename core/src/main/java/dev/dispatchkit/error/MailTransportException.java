package dev.dispatchkit.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mail server could not be reached or refused a message. Mail adapters wrap their own exceptions
 * in it and keep them as the cause.
 */
public final class MailTransportException extends DispatchKitException {

  private final boolean permanent;
  private final @Nullable String messageId;

  /**
   * @param message what failed
   * @param permanent whether the failure is final (a rejected address, a message too large) rather
   *     than passing (a connection refused, a 4xx reply)
   * @param messageId the message concerned, if any
   * @param cause the adapter's own exception
   */
  public MailTransportException(
      String message, boolean permanent, @Nullable String messageId, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.permanent = permanent;
    this.messageId = messageId;
  }

  /** Whether retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }

  /** The {@code Message-ID} of the mail concerned, when one was being sent. */
  public @Nullable String messageId() {
    return messageId;
  }
}
