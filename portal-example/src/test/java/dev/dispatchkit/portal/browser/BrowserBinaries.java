package dev.dispatchkit.portal.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the suite finds Chromium and its driver. Each is taken, first found, from a system property
 * ({@value #CHROMIUM_PROPERTY}, {@value #CHROMEDRIVER_PROPERTY}), an environment variable ({@value
 * #CHROMIUM_ENV}, {@value #CHROMEDRIVER_ENV}), Debian's place ({@code /usr/bin}) or the {@code
 * PATH}. The driver is always given to Selenium by path, so that Selenium Manager never tries to
 * download one.
 */
record BrowserBinaries(Path chromium, Path chromedriver) {

  static final String CHROMIUM_PROPERTY = "dispatchkit.browser.chromium";
  static final String CHROMEDRIVER_PROPERTY = "dispatchkit.browser.chromedriver";
  static final String CHROMIUM_ENV = "DISPATCHKIT_CHROMIUM";
  static final String CHROMEDRIVER_ENV = "DISPATCHKIT_CHROMEDRIVER";

  /**
   * The binaries, or what is missing. Under CI (the {@code CI} environment variable set) a missing
   * browser fails the suite: a green build must mean the pages were tested. Elsewhere the suite is
   * skipped with the same message.
   */
  static BrowserBinaries require() {
    List<String> missing = new ArrayList<>();
    Optional<Path> chromium = find(CHROMIUM_PROPERTY, CHROMIUM_ENV, "chromium", missing);
    Optional<Path> driver = find(CHROMEDRIVER_PROPERTY, CHROMEDRIVER_ENV, "chromedriver", missing);
    if (missing.isEmpty()) {
      return new BrowserBinaries(chromium.orElseThrow(), driver.orElseThrow());
    }
    String message =
        "The browser suite needs Chromium and its driver, not found: "
            + String.join("; ", missing)
            + ". Install Debian's packages (apt-get install chromium chromium-driver) or set -D"
            + CHROMIUM_PROPERTY
            + " and -D"
            + CHROMEDRIVER_PROPERTY
            + ".";
    String ci = System.getenv("CI");
    if (ci != null && !ci.isEmpty()) {
      return Assertions.fail(message + " Under CI this fails rather than skips.");
    }
    // Surefire counts an aborted class as no test at all: say so where the developer looks.
    System.err.println("[PortalBrowserTest skipped] " + message);
    return Assumptions.abort(message + " Skipped because CI is not set.");
  }

  private static Optional<Path> find(
      String property, String env, String name, List<String> missing) {
    String set = System.getProperty(property);
    String source = "system property " + property;
    if (set == null || set.isBlank()) {
      set = System.getenv(env);
      source = "environment variable " + env;
    }
    if (set != null && !set.isBlank()) {
      Path path = Path.of(set);
      if (Files.isExecutable(path)) {
        return Optional.of(path);
      }
      missing.add(name + " (" + source + " names " + set + ", which is not an executable file)");
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin", name));
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      missing.add(name + " (neither in /usr/bin nor on the PATH)");
    }
    return found;
  }
}
