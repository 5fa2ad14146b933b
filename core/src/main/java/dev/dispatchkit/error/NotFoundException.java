package dev.dispatchkit.error;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;

/**
 * No work order has this key: thrown by every facade command that needs an existing work order. The
 * queries answer an empty {@code Optional} instead.
 */
public final class NotFoundException extends DispatchKitException {

  private final WorkOrderKey key;

  /**
   * @param key the key that names no work order
   */
  public NotFoundException(WorkOrderKey key) {
    super("no work order " + Objects.requireNonNull(key, "key"));
    this.key = key;
  }

  /** The key that names no work order. */
  public WorkOrderKey key() {
    return key;
  }
}
