package dev.dispatchkit.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A raw message could not be read as an email. Parsers throw this and nothing else, so a host that
 * reads a mailbox can set the message aside and carry on.
 *
 * <p>Parsers are tolerant of what real mail gets wrong (a bad {@code Date}, a bad address, an
 * unknown charset): those give a missing value, not this exception. It is thrown only for what
 * cannot be read at all, or for input beyond the parser's limits.
 */
public final class MalformedMessageException extends DispatchKitException {

  /** Why a message was rejected. */
  public enum Reason {
    /** The message is larger than the parser's byte limit. */
    TOO_LARGE,
    /** The message has more MIME parts than the parser's part limit. */
    TOO_MANY_PARTS,
    /** Multiparts are nested deeper than the parser's depth limit. */
    TOO_DEEP,
    /** The input is empty or has no header field, so it is not a message. */
    NOT_A_MESSAGE,
    /** The structure or a body part cannot be decoded, or the input could not be read. */
    UNREADABLE,
    /**
     * Reading or classifying it would cost more than the per-message budget, or ran out of memory
     * or stack: a person looks at it.
     */
    TOO_COSTLY
  }

  private final Reason reason;

  /**
   * @param reason why the message was rejected
   * @param message what was found, for logs
   * @param cause the underlying failure; null when there is none
   */
  public MalformedMessageException(Reason reason, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * @param reason why the message was rejected
   * @param message what was found, for logs
   */
  public MalformedMessageException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Why the message was rejected. */
  public Reason reason() {
    return reason;
  }
}
