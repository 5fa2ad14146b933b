package dev.dispatchkit.spring.boot;

import dev.dispatchkit.error.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigurationException} at start-up into Spring Boot's short failure report: the
 * exception's text, which names each bad property, instead of a stack of bean creation errors.
 */
public class DispatchKitFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

  /** Builds the analyzer; Spring Boot calls it. */
  public DispatchKitFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis(
        "DispatchKit could not start: " + cause.getMessage(),
        "Correct these settings: "
            + String.join(", ", cause.settings())
            + " (see docs/spring-boot.md for every dispatchkit.* property and its default).",
        cause);
  }
}
