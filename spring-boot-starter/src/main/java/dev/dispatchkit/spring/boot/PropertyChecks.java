package dev.dispatchkit.spring.boot;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.DispatchKitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects every bad {@code dispatchkit.*} property before start-up fails, so that one message
 * names them all instead of one per restart.
 */
final class PropertyChecks {

  private final List<String> properties = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  /** Runs one builder step; a rejection is recorded against {@code property}. */
  <T> @Nullable T step(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (DispatchKitException | IllegalArgumentException e) {
      add(property, e.getMessage());
      return null;
    }
  }

  /** Records a missing value; true when it is present. */
  boolean require(String property, @Nullable String value) {
    if (value == null || value.isBlank()) {
      add(property, "is required");
      return false;
    }
    return true;
  }

  /** Records a duration that is null, zero or negative. */
  void positive(String property, @Nullable Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      add(property, "must be a positive duration, was " + value);
    }
  }

  /** Records a number below {@code min}. */
  void atLeast(String property, long value, long min) {
    if (value < min) {
      add(property, "must be at least " + min + ", was " + value);
    }
  }

  /** Records a problem. */
  void add(String property, @Nullable String problem) {
    if (!properties.contains(property)) {
      properties.add(property);
    }
    problems.add(property + ": " + problem);
  }

  /**
   * @throws ConfigurationException naming every property recorded, if any
   */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "invalid DispatchKit properties: " + String.join("; ", problems), properties);
    }
  }
}
