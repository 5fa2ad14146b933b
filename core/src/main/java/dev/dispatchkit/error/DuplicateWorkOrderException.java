package dev.dispatchkit.error;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;

/** The subscriber already has a work order with this tracking number. */
public final class DuplicateWorkOrderException extends StoreException {

  private final WorkOrderKey key;

  /**
   * @param key the key that is taken
   */
  public DuplicateWorkOrderException(WorkOrderKey key) {
    super("work order " + key + " already exists", null);
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The key that is taken. */
  public WorkOrderKey key() {
    return key;
  }
}
