package dev.dispatchkit.workorder;

import java.util.Objects;

/**
 * The client that dispatches work orders, as the host application names it.
 *
 * @param value a non-blank identifier of at most {@value #MAX_LENGTH} characters, without control
 *     characters or surrounding spaces
 */
public record SubscriberId(String value) {

  /** The longest identifier accepted. */
  public static final int MAX_LENGTH = 64;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the value is blank, too long or holds
   *     control characters
   */
  public SubscriberId {
    Objects.requireNonNull(value, "value");
    Texts.check("SubscriberId").identifier("value", value, MAX_LENGTH).orThrow();
  }

  /** Same as the constructor. */
  public static SubscriberId of(String value) {
    return new SubscriberId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
