package dev.dispatchkit.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception DispatchKit throws. It is unchecked, and sealed so that a host can
 * rely on the subclasses listed here; each one carries typed context about what went wrong.
 */
public abstract sealed class DispatchKitException extends RuntimeException
    permits AttachmentException,
        ConfigurationException,
        ExpectedDateRejectedException,
        IllegalTransitionException,
        MailTransportException,
        MalformedMessageException,
        NotFoundException,
        NteExceededException,
        ReviewResolvedException,
        StoreException,
        ValidationException {

  DispatchKitException(String message) {
    super(message);
  }

  DispatchKitException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
