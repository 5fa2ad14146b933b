package dev.dispatchkit.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** An attachment was refused, or could not be stored or read. */
public final class AttachmentException extends DispatchKitException {

  /** Why an attachment failed. */
  public enum Reason {
    /** The content is larger than the limit; nothing was kept. */
    TOO_LARGE,
    /** The content type is not one the host allows. */
    TYPE_NOT_ALLOWED,
    /** No attachment has this id. */
    NOT_FOUND,
    /** The storage failed. */
    STORAGE_FAILED,
    /** More files than one note carries; nothing was stored. */
    TOO_MANY_FILES
  }

  private final Reason reason;
  private final @Nullable String attachmentId;

  /**
   * @param reason why it failed
   * @param message details for a person
   * @param attachmentId the attachment concerned, when it has one
   * @param cause the adapter's own exception, if any
   */
  public AttachmentException(
      Reason reason, String message, @Nullable String attachmentId, @Nullable Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
    this.reason = reason;
    this.attachmentId = attachmentId;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }

  /** The attachment concerned, when it has an id. */
  public @Nullable String attachmentId() {
    return attachmentId;
  }
}
