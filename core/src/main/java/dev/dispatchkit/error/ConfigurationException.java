package dev.dispatchkit.error;

import java.util.List;
import java.util.Objects;

/** A builder was given a bad setting, or {@code build()} found settings missing. */
public final class ConfigurationException extends DispatchKitException {

  private final List<String> settings;

  /**
   * @param message what is wrong, naming the settings
   * @param settings the names of the settings at fault
   */
  public ConfigurationException(String message, List<String> settings) {
    super(message);
    this.settings = List.copyOf(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * @param setting the name of the setting at fault
   * @param message what is wrong with it
   */
  public ConfigurationException(String setting, String message) {
    this(setting + ": " + message, List.of(setting));
  }

  /** The names of the settings at fault, such as {@code "store"} or {@code "replyTokenKeys"}. */
  public List<String> settings() {
    return settings;
  }
}
