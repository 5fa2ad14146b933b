package dev.dispatchkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version that {@code -V} prints: DispatchKit's, from {@code version.properties}, which Maven
 * fills in at build time, so it is the same from the jar and from the classes in a test.
 */
final class ExamplesVersion implements IVersionProvider {

  /** The DispatchKit version these examples were built from. */
  static String version() {
    try (InputStream in = ExamplesVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the examples");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"DispatchKit examples " + version()};
  }
}
