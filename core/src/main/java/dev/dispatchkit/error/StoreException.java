package dev.dispatchkit.error;

import org.jspecify.annotations.Nullable;

/**
 * A store could not do what was asked. Storage adapters wrap their own exceptions (such as {@code
 * SQLException}) in it and keep them as the cause. The transaction it was thrown in has been rolled
 * back.
 */
public sealed class StoreException extends DispatchKitException
    permits ConcurrentUpdateException, DuplicateMessageException, DuplicateWorkOrderException {

  /**
   * @param message what failed
   * @param cause the adapter's own exception
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
