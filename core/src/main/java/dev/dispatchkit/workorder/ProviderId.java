package dev.dispatchkit.workorder;

import java.util.Objects;

/**
 * The service provider a work order is dispatched to, as the host application names it.
 *
 * @param value a non-blank identifier of at most {@value #MAX_LENGTH} characters, without control
 *     characters or surrounding spaces
 */
public record ProviderId(String value) {

  /** The longest identifier accepted. */
  public static final int MAX_LENGTH = 64;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the value is blank, too long or holds
   *     control characters
   */
  public ProviderId {
    Objects.requireNonNull(value, "value");
    Texts.check("ProviderId").identifier("value", value, MAX_LENGTH).orThrow();
  }

  /** Same as the constructor. */
  public static ProviderId of(String value) {
    return new ProviderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
