package dev.dispatchkit.message;

import dev.dispatchkit.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The words of the default templates, per language: field names, priorities, trades, notice
 * sentences and the date pattern. French and English are built in; a host adds a language or
 * overrides any label with {@link MailTemplates.Builder#labels(Locale, Map)}.
 *
 * <p>Keys: {@code field.*} (row names of the service request), {@code priority.URGENT}, {@code
 * priority.NON_URGENT}, {@code trade.<CODE>} (a trade code with no label is shown humanised: {@code
 * PEST_CONTROL} becomes "Pest control"), {@code notice.<NOTICE>}, {@code reason.<DECLINE REASON>},
 * {@code subject.*}, {@code greeting}, {@code format.dateTime} (a {@link
 * java.time.format.DateTimeFormatter} pattern) and {@code format.separator}; {@code
 * notice.NTE_INCREASE_NONE} (an NTE notice with no request pending), {@code note.line} and {@code
 * comment.line} (a person's words below a notice). In a value, {@code {tn}}, {@code {site}}, {@code
 * {provider}}, {@code {date}}, {@code {nte}} (the NTE now), {@code {asked}} (the NTE asked for),
 * {@code {reason}} and {@code {text}} stand for the values the sentence needs. A label missing in a
 * language falls back to English.
 */
public final class MailLabels {

  private static final MailLabels DEFAULTS =
      new MailLabels(
          Map.of("fr", load("labels_fr.properties"), "en", load("labels_en.properties")));

  private final Map<String, Map<String, String>> byLanguage;

  private MailLabels(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = Map.copyOf(byLanguage);
  }

  /** The built-in French and English labels. */
  public static MailLabels defaults() {
    return DEFAULTS;
  }

  /**
   * These labels with {@code labels} added for {@code language}, over any it already has.
   *
   * @throws ConfigurationException if a key or value is blank, or the date pattern is invalid
   */
  public MailLabels with(Locale language, Map<String, String> labels) {
    Objects.requireNonNull(language, "language");
    String lang = language.getLanguage();
    Map<String, String> merged = new HashMap<>(byLanguage.getOrDefault(lang, Map.of()));
    labels.forEach(
        (key, value) -> {
          if (key == null || key.isBlank() || value == null || value.isBlank()) {
            throw new ConfigurationException(
                "labels." + lang, "blank label key or value: " + key + "=" + value);
          }
          merged.put(key, value);
        });
    String pattern = merged.get("format.dateTime");
    if (pattern != null) {
      try {
        java.time.format.DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("labels." + lang, "bad format.dateTime: " + pattern);
      }
    }
    Map<String, Map<String, String>> all = new HashMap<>(byLanguage);
    all.put(lang, Map.copyOf(merged));
    return new MailLabels(all);
  }

  /** The label of {@code key} in {@code language}, else in English, else the key itself. */
  public String get(Locale language, String key) {
    String value = byLanguage.getOrDefault(language.getLanguage(), Map.of()).get(key);
    if (value == null) {
      value = byLanguage.getOrDefault("en", Map.of()).get(key);
    }
    return value == null ? key : value;
  }

  /** Whether {@code language} or English has a label for {@code key}. */
  public boolean has(Locale language, String key) {
    return byLanguage.getOrDefault(language.getLanguage(), Map.of()).containsKey(key)
        || byLanguage.getOrDefault("en", Map.of()).containsKey(key);
  }

  private static Map<String, String> load(String resource) {
    try (InputStream in = MailLabels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Properties p = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      Map<String, String> map = new HashMap<>();
      p.forEach((k, v) -> map.put((String) k, (String) v));
      return Map.copyOf(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
