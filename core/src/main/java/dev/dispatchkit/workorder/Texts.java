package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the broken constraints of one value, so that a {@link ValidationException} lists them
 * all at once rather than the first one only.
 */
final class Texts {

  private final String subject;
  private final @Nullable Object detail;
  // Most values break nothing: the list and the subject's text are made only for a violation.
  private @Nullable List<String> violations;

  private Texts(String subject, @Nullable Object detail) {
    this.subject = subject;
    this.detail = detail;
  }

  static Texts check(String subject) {
    return new Texts(subject, null);
  }

  /**
   * Like {@link #check(String)} for the subject {@code subject + " " + detail}, joined only when a
   * violation is reported.
   */
  static Texts check(String subject, Object detail) {
    return new Texts(subject, detail);
  }

  /**
   * A single line of text: non-blank, at most {@code max} characters, no control character. Such
   * text may end up in mail headers and subjects, where a CR or LF would let a value inject
   * headers.
   */
  Texts line(String field, @Nullable String value, int max) {
    if (value == null) {
      add(field + " is missing");
      return this;
    }
    if (value.isBlank()) {
      add(field + " is blank");
    }
    if (value.length() > max) {
      add(field + " has " + value.length() + " characters, at most " + max + " allowed");
    }
    if (hasControl(value, false)) {
      add(field + " contains a line break or another control character");
    }
    return this;
  }

  /** Like {@link #line} but the text may be empty. */
  Texts optionalLine(String field, @Nullable String value, int max) {
    if (value != null && !value.isEmpty()) {
      line(field, value, max);
    }
    return this;
  }

  /** Text of several lines: line breaks and tabs allowed, other control characters not. */
  Texts paragraphs(String field, @Nullable String value, int max, boolean mayBeBlank) {
    if (value == null) {
      add(field + " is missing");
      return this;
    }
    if (!mayBeBlank && value.isBlank()) {
      add(field + " is blank");
    }
    if (value.length() > max) {
      add(field + " has " + value.length() + " characters, at most " + max + " allowed");
    }
    if (hasControl(value, true)) {
      add(field + " contains a control character");
    }
    return this;
  }

  /** An identifier: a single line without surrounding spaces. */
  Texts identifier(String field, @Nullable String value, int max) {
    line(field, value, max);
    if (value != null && !value.isBlank() && !value.strip().equals(value)) {
      add(field + " has leading or trailing spaces");
    }
    return this;
  }

  Texts require(boolean condition, String violation) {
    if (!condition) {
      add(violation);
    }
    return this;
  }

  /** Reports a violation; for messages that are built only once the check has failed. */
  Texts add(String violation) {
    if (violations == null) {
      violations = new ArrayList<>(2);
    }
    violations.add(violation);
    return this;
  }

  void orThrow() {
    if (violations != null) {
      throw new ValidationException(detail == null ? subject : subject + " " + detail, violations);
    }
  }

  static boolean hasControl(String value, boolean allowLineBreaks) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      // Unicode line and paragraph separators break headers in some mail clients too.
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}
