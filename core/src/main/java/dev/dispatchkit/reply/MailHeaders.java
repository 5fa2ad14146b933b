package dev.dispatchkit.reply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The header fields of a message, in their original order. Names compare case-insensitively, and a
 * name may occur several times ({@code Received}, {@code Authentication-Results}).
 */
public final class MailHeaders {

  private static final MailHeaders EMPTY = new MailHeaders(List.of());

  /**
   * One header field, its value unfolded and decoded.
   *
   * @param name the field name as written
   * @param value the field value
   */
  public record Field(String name, String value) {
    /** Both parts are required. */
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private final List<Field> fields;
  private final Map<String, List<String>> byName;

  private MailHeaders(List<Field> fields) {
    this.fields = List.copyOf(fields);
    Map<String, List<String>> index = new LinkedHashMap<>();
    for (Field field : this.fields) {
      index.computeIfAbsent(key(field.name()), k -> new ArrayList<>()).add(field.value());
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    this.byName = Collections.unmodifiableMap(index);
  }

  /** No headers at all. */
  public static MailHeaders empty() {
    return EMPTY;
  }

  /** The given fields, in order. */
  public static MailHeaders of(List<Field> fields) {
    return fields.isEmpty() ? EMPTY : new MailHeaders(fields);
  }

  /** Every field, in the order of the message. */
  public List<Field> fields() {
    return fields;
  }

  /** Every value of the named field, in order; empty when absent. */
  public List<String> all(String name) {
    return byName.getOrDefault(key(name), List.of());
  }

  /** The first value of the named field. */
  public Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether the named field occurs at least once. */
  public boolean contains(String name) {
    return byName.containsKey(key(name));
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MailHeaders that && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "MailHeaders" + byName.keySet();
  }
}
