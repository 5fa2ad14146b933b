package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.Objects;

/**
 * The number a client and a provider use to name a work order: 6 to 12 ASCII digits, unique per
 * subscriber. Leading zeros are significant, so it is kept as text.
 *
 * @param value the digits
 */
public record TrackingNumber(String value) implements Comparable<TrackingNumber> {

  /** The fewest digits a tracking number has. */
  public static final int MIN_DIGITS = 6;

  /** The most digits a tracking number has. */
  public static final int MAX_DIGITS = 12;

  /**
   * @throws ValidationException unless the value is 6 to 12 ASCII digits
   */
  public TrackingNumber {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new ValidationException(
          "TrackingNumber",
          "must be " + MIN_DIGITS + " to " + MAX_DIGITS + " ASCII digits, was '" + value + "'");
    }
  }

  /** Parses a tracking number; same as the constructor. */
  public static TrackingNumber of(String value) {
    return new TrackingNumber(value);
  }

  /** Whether {@code candidate} would make a valid tracking number; never throws. */
  public static boolean isValid(String candidate) {
    int length = candidate.length();
    if (length < MIN_DIGITS || length > MAX_DIGITS) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(TrackingNumber other) {
    int byLength = Integer.compare(value.length(), other.value.length());
    return byLength != 0 ? byLength : value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
