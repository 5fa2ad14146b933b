package dev.dispatchkit.workorder;

import dev.dispatchkit.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the broken constraints of one value, so that a {@link ValidationException} lists them
 * all at once rather than the first one only.
 */
final class Texts {

  private final String subject;
  private final List<String> violations = new ArrayList<>();

  private Texts(String subject) {
    this.subject = subject;
  }

  static Texts check(String subject) {
    return new Texts(subject);
  }

  /**
   * A single line of text: non-blank, at most {@code max} characters, no control character. Such
   * text may end up in mail headers and subjects, where a CR or LF would let a value inject
   * headers.
   */
  Texts line(String field, @Nullable String value, int max) {
    if (value == null) {
      violations.add(field + " is missing");
      return this;
    }
    if (value.isBlank()) {
      violations.add(field + " is blank");
    }
    if (value.length() > max) {
      violations.add(field + " has " + value.length() + " characters, at most " + max + " allowed");
    }
    if (hasControl(value, false)) {
      violations.add(field + " contains a line break or another control character");
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
      violations.add(field + " is missing");
      return this;
    }
    if (!mayBeBlank && value.isBlank()) {
      violations.add(field + " is blank");
    }
    if (value.length() > max) {
      violations.add(field + " has " + value.length() + " characters, at most " + max + " allowed");
    }
    if (hasControl(value, true)) {
      violations.add(field + " contains a control character");
    }
    return this;
  }

  /** An identifier: a single line without surrounding spaces. */
  Texts identifier(String field, @Nullable String value, int max) {
    line(field, value, max);
    if (value != null && !value.isBlank() && !value.strip().equals(value)) {
      violations.add(field + " has leading or trailing spaces");
    }
    return this;
  }

  Texts require(boolean condition, String violation) {
    if (!condition) {
      violations.add(violation);
    }
    return this;
  }

  void orThrow() {
    if (!violations.isEmpty()) {
      throw new ValidationException(subject, violations);
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
