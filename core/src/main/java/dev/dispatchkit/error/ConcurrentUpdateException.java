package dev.dispatchkit.error;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;

/**
 * Another transaction changed the work order first: the version in the store is no longer the one
 * this change was based on. Nothing was written; read the work order again and decide again.
 */
public final class ConcurrentUpdateException extends StoreException {

  private final WorkOrderKey key;
  private final long expectedVersion;

  /**
   * @param key the work order
   * @param expectedVersion the version the change was based on
   */
  public ConcurrentUpdateException(WorkOrderKey key, long expectedVersion) {
    super(
        "work order " + key + " is no longer at version " + expectedVersion + ": changed meanwhile",
        null);
    this.key = Objects.requireNonNull(key, "key");
    this.expectedVersion = expectedVersion;
  }

  /** The work order. */
  public WorkOrderKey key() {
    return key;
  }

  /** The version the refused change was based on. */
  public long expectedVersion() {
    return expectedVersion;
  }
}
