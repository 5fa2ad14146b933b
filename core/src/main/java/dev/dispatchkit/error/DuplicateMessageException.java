package dev.dispatchkit.error;

import java.util.Objects;

/**
 * An inbound message was recorded before, by this instance or another: thrown by {@link
 * dev.dispatchkit.spi.Inbox#recordLast}, at the latest when the unit of work commits, and nothing
 * of that unit is kept. The facade reports such a message as a duplicate.
 */
public final class DuplicateMessageException extends StoreException {

  private final String dedupKey;

  /**
   * @param dedupKey the key of the message recorded before
   */
  public DuplicateMessageException(String dedupKey) {
    super("inbound message " + dedupKey + " is already recorded", null);
    this.dedupKey = Objects.requireNonNull(dedupKey, "dedupKey");
  }

  /** The key of the message recorded before. */
  public String dedupKey() {
    return dedupKey;
  }
}
