package dev.dispatchkit.reply;

import dev.dispatchkit.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words and markers the reply parser knows, per word list and language: decision words,
 * greetings, closings, auto-reply markers, quote headers, date words. It is data, not code: the
 * English and French defaults come from a resource file, and hosts add words or whole languages by
 * configuration ({@link Builder#load(Properties)}, {@link #withWords}).
 *
 * <p>Words match after the parser's normalisation (Unicode NFKC, accents removed, lower case), so
 * "Accepté", "ACCEPTE" and "accepte" are one word. Instances are immutable and thread-safe.
 *
 * <h2>Properties format</h2>
 *
 * <p>One key per word list and language, {@code <list>.<language>}, whose value lists the words
 * separated by {@code |}: {@code accept.de = ja | einverstanden | in Ordnung}. Lists are added to,
 * never replaced. The {@code weekday} list holds the seven days from Monday, the {@code month} list
 * the twelve months from January.
 */
public final class Vocabulary {

  /** A list of words; its {@link #key()} names it in properties. */
  public enum WordList {
    /** Words that accept when they open the reply ("ok", "oui"). */
    ACCEPT("accept"),
    /** Words that decline when they open the reply ("non", "no"). */
    DECLINE("decline"),
    /** Greetings skipped before the decision word ("Bonjour", "Hi team"). */
    GREETING("greeting"),
    /** Lines that close the message; they and all after them are dropped ("Cordialement"). */
    CLOSING("closing"),
    /** Courtesy words that alone make no note ("désolé", "thanks"). */
    COURTESY("courtesy"),
    /** Words that negate a following decision word ("pas", "not"). */
    NEGATION("negation"),
    /** Idioms that open with a decision word but decide nothing ("no problem"). */
    NOT_A_DECISION("not-a-decision"),
    /** Words opening a clause, after which the opposite decision word conflicts ("mais"). */
    CONJUNCTION("conjunction"),
    /** Phrases opening a request for a higher NTE ("Demande d'augmentation NTE : 750 €"). */
    NTE_INCREASE("nte-increase"),
    /** Phrases naming the CANT_MAKE_DATE decline reason. */
    REASON_CANT_MAKE_DATE("reason.cant-make-date"),
    /** Phrases naming the TRADE_NOT_SERVICED decline reason. */
    REASON_TRADE_NOT_SERVICED("reason.trade-not-serviced"),
    /** Phrases naming the LOCATION_NOT_SERVICED decline reason. */
    REASON_LOCATION_NOT_SERVICED("reason.location-not-serviced"),
    /** Phrases naming the NTE_TOO_LOW decline reason. */
    REASON_NTE_TOO_LOW("reason.nte-too-low"),
    /** Subject markers of auto-replies, matched at the start after reply prefixes. */
    AUTO_REPLY_SUBJECT("auto-reply-subject"),
    /** Subjects of delivery failure reports from MAILER-DAEMON or postmaster. */
    BOUNCE_SUBJECT("bounce-subject"),
    /** Subject prefixes of read receipts ("Lu :", "Read:"). */
    READ_RECEIPT_SUBJECT("read-receipt-subject"),
    /** Reply prefixes of subjects ("RE", "AW"), without the colon. */
    REPLY_PREFIX("reply-prefix"),
    /** Forward prefixes of subjects ("TR", "Fwd"), without the colon. */
    FORWARD_PREFIX("forward-prefix"),
    /** Body lines that start a forwarded message ("Début du message réexpédié"). */
    FORWARD_MARKER("forward-marker"),
    /** Separator lines before a quoted original ("-----Original Message-----"). */
    ORIGINAL_MESSAGE("original-message"),
    /** Lines that start a mobile signature ("Sent from my iPhone"). */
    MOBILE_SIGNATURE("mobile-signature"),
    /** The verb ending a reply header ("wrote:", "a écrit :"). */
    REPLY_HEADER("reply-header"),
    /** The first word of a reply header ("On", "Le", "Am"); it must also hold a digit. */
    REPLY_HEADER_START("reply-header-start"),
    /** Names of the sender field in quoted header blocks ("From", "De", "Von"). */
    HEADER_FROM("header-from"),
    /** Names of the date field in quoted header blocks ("Sent", "Envoyé", "Date"). */
    HEADER_SENT("header-sent"),
    /** Names of the recipient fields in quoted header blocks ("To", "À", "Cc"). */
    HEADER_TO("header-to"),
    /** Names of the subject field in quoted header blocks ("Subject", "Objet"). */
    HEADER_SUBJECT("header-subject"),
    /** The seven weekdays, Monday first. */
    WEEKDAY("weekday"),
    /** The twelve months, January first. */
    MONTH("month"),
    /** Words for the reply's own day ("aujourd'hui", "today"). */
    TODAY("today"),
    /** Words for the day after the reply ("demain", "tomorrow"). */
    TOMORROW("tomorrow"),
    /** Words making a time approximate ("vers", "around"): no proposed date then. */
    APPROXIMATE("approximate"),
    /** Words making a date uncertain ("entre", "between", "dans la semaine"). */
    UNCERTAIN("uncertain"),
    /**
     * How numeric dates such as {@code 14/03} read: {@code day-month} or {@code month-day}; absent
     * means they are ambiguous and ignored (English).
     */
    NUMERIC_DATE_ORDER("numeric-date-order");

    private final String key;

    WordList(String key) {
      this.key = key;
    }

    /** The key of this list in properties, such as {@code accept} or {@code reason.nte-too-low}. */
    public String key() {
      return key;
    }

    static WordList byKey(String key) {
      for (WordList list : values()) {
        if (list.key.equals(key)) {
          return list;
        }
      }
      throw new ConfigurationException(
          "vocabulary", "unknown word list '" + key + "' (known: " + knownKeys() + ")");
    }

    private static String knownKeys() {
      List<String> keys = new ArrayList<>();
      for (WordList list : values()) {
        keys.add(list.key);
      }
      return String.join(", ", keys);
    }
  }

  private static final String DEFAULTS = "vocabulary.properties";
  private static final Vocabulary DEFAULT_VOCABULARY = loadDefaults();

  private final Map<WordList, Map<String, List<String>>> words;

  private Vocabulary(Map<WordList, Map<String, List<String>>> words) {
    this.words = words;
  }

  /** The built-in English and French vocabulary of the reply policy. */
  public static Vocabulary defaults() {
    return DEFAULT_VOCABULARY;
  }

  /** An empty builder, for a vocabulary built from scratch. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this vocabulary, to add words to it. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    words.forEach(
        (list, byLanguage) -> byLanguage.forEach((lang, w) -> builder.add(list, lang, w)));
    return builder;
  }

  /**
   * This vocabulary with more words in one list.
   *
   * @param list the word list
   * @param language a language tag such as {@code de}
   * @param more the words to add
   */
  public Vocabulary withWords(WordList list, String language, String... more) {
    return toBuilder().withWords(list, language, more).build();
  }

  /** The languages that have at least one decision word. */
  public Set<String> languages() {
    Set<String> languages = new TreeSet<>();
    languages.addAll(words.getOrDefault(WordList.ACCEPT, Map.of()).keySet());
    languages.addAll(words.getOrDefault(WordList.DECLINE, Map.of()).keySet());
    return Set.copyOf(languages);
  }

  /** The words of one list in one language, in the order given; empty when none. */
  public List<String> words(WordList list, String language) {
    return words.getOrDefault(list, Map.of()).getOrDefault(language, List.of());
  }

  /** The words of one list in every language: language tag to words. */
  public Map<String, List<String>> words(WordList list) {
    return words.getOrDefault(list, Map.of());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Vocabulary that && words.equals(that.words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  @Override
  public String toString() {
    return "Vocabulary" + languages();
  }

  private static Vocabulary loadDefaults() {
    try (InputStream in = Vocabulary.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS);
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return builder().load(properties).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default vocabulary", e);
    }
  }

  /** Builds a {@link Vocabulary}. Not thread-safe. */
  public static final class Builder {
    private final Map<WordList, Map<String, LinkedHashSet<String>>> words = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds words to a list.
     *
     * @param list the word list
     * @param language a language tag such as {@code de}; lower case letters, digits and {@code -}
     * @param more the words; blank ones are ignored
     * @throws ConfigurationException when the language tag is malformed
     */
    public Builder withWords(WordList list, String language, String... more) {
      return add(list, language, List.of(more));
    }

    /**
     * Adds every {@code <list>.<language> = word | word} entry of {@code properties}.
     *
     * @throws ConfigurationException naming the key of an unknown list or a malformed language
     */
    public Builder load(Properties properties) {
      for (String key : new TreeSet<>(properties.stringPropertyNames())) {
        int dot = key.lastIndexOf('.');
        if (dot <= 0 || dot == key.length() - 1) {
          throw new ConfigurationException(
              "vocabulary", "key '" + key + "' must be <list>.<language>");
        }
        WordList list = WordList.byKey(key.substring(0, dot).strip());
        List<String> values = new ArrayList<>();
        for (String word : properties.getProperty(key).split("\\|", -1)) {
          values.add(word);
        }
        add(list, key.substring(dot + 1).strip(), values);
      }
      return this;
    }

    /**
     * Reads properties text ({@link Properties#load(Reader)} syntax) and adds its entries.
     *
     * @param reader the text; read to its end, not closed
     * @throws UncheckedIOException when the reader fails
     * @throws ConfigurationException as {@link #load(Properties)}
     */
    public Builder load(Reader reader) {
      Properties properties = new Properties();
      try {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read vocabulary properties", e);
      }
      return load(properties);
    }

    Builder add(WordList list, String language, Collection<String> more) {
      Objects.requireNonNull(list, "list");
      if (!language.matches("[a-z0-9-]{1,16}")) {
        throw new ConfigurationException(
            "vocabulary",
            "language of list " + list.key() + " must be a lower-case tag, was '" + language + "'");
      }
      LinkedHashSet<String> target =
          words
              .computeIfAbsent(list, k -> new LinkedHashMap<>())
              .computeIfAbsent(language.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>());
      for (String word : more) {
        String w = word.strip();
        if (!w.isEmpty()) {
          target.add(w);
        }
      }
      return this;
    }

    /** The vocabulary. */
    public Vocabulary build() {
      Map<WordList, Map<String, List<String>>> copy = new LinkedHashMap<>();
      words.forEach(
          (list, byLanguage) -> {
            Map<String, List<String>> languages = new LinkedHashMap<>();
            byLanguage.forEach((lang, w) -> languages.put(lang, List.copyOf(w)));
            copy.put(list, Collections.unmodifiableMap(languages));
          });
      return new Vocabulary(Collections.unmodifiableMap(copy));
    }
  }
}
