package dev.dispatchkit.error;

import java.util.List;
import java.util.Objects;

/**
 * A value or a command argument was rejected. Thrown by the compact constructors of the domain
 * records, so an invalid value never exists.
 */
public final class ValidationException extends DispatchKitException {

  private final String subject;
  private final List<String> violations;

  /**
   * @param subject what was being validated, such as {@code "TrackingNumber"}
   * @param violations one sentence per broken constraint; at least one
   */
  public ValidationException(String subject, List<String> violations) {
    super(subject + ": " + String.join("; ", requireNonEmpty(violations)));
    this.subject = Objects.requireNonNull(subject, "subject");
    this.violations = List.copyOf(violations);
  }

  /**
   * @param subject what was being validated
   * @param violation the broken constraint
   */
  public ValidationException(String subject, String violation) {
    this(subject, List.of(violation));
  }

  /** What was being validated, such as {@code "TrackingNumber"} or {@code "Site.phone"}. */
  public String subject() {
    return subject;
  }

  /** One sentence per broken constraint. */
  public List<String> violations() {
    return violations;
  }

  private static List<String> requireNonEmpty(List<String> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    return violations;
  }
}
