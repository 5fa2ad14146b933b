package dev.dispatchkit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text encoding of the values kept in one column: lists of contacts, notes and attachments,
 * outbox recipients and headers, and timeline events.
 *
 * <p>A value is a sequence of fields. A field is either {@code -} (null) or {@code <n>:<text>},
 * where {@code n} is the length of the text in UTF-16 code units, written in ASCII decimal digits.
 * Nothing is escaped, so any text, including separators, quotes and line breaks, comes back
 * exactly. A list is a field holding its size followed by its elements' fields.
 */
final class Fields {
  private Fields() {}

  /** Writes fields into one string. */
  static final class Writer {
    private final StringBuilder out = new StringBuilder(64);

    Writer text(@Nullable String value) {
      if (value == null) {
        out.append('-');
      } else {
        out.append(value.length()).append(':').append(value);
      }
      return this;
    }

    Writer number(long value) {
      return text(Long.toString(value));
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }

  /** Reads the fields of a string written by {@link Writer}, in order. */
  static final class Reader {
    private final String in;
    private int position;

    Reader(String in) {
      this.in = in;
    }

    @Nullable String nullableText() {
      if (position >= in.length()) {
        throw new IllegalArgumentException("ends before field at " + position);
      }
      if (in.charAt(position) == '-') {
        position++;
        return null;
      }
      int colon = in.indexOf(':', position);
      if (colon < 0 || colon == position || colon - position > 9) {
        throw new IllegalArgumentException("no field length at " + position);
      }
      int length = 0;
      for (int i = position; i < colon; i++) {
        char c = in.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("bad field length at " + position);
        }
        length = length * 10 + (c - '0');
      }
      int start = colon + 1;
      if (start + length > in.length()) {
        throw new IllegalArgumentException("field at " + position + " runs past the end");
      }
      position = start + length;
      return in.substring(start, start + length);
    }

    String text() {
      String value = nullableText();
      if (value == null) {
        throw new IllegalArgumentException("unexpected null before " + position);
      }
      return value;
    }

    long number() {
      return Long.parseLong(text());
    }

    int count() {
      long count = number();
      if (count < 0 || count > in.length()) {
        throw new IllegalArgumentException("bad list size " + count);
      }
      return (int) count;
    }

    /** Whether every field was read: an optional trailing field is absent. */
    boolean atEnd() {
      return position == in.length();
    }

    void end() {
      if (position != in.length()) {
        throw new IllegalArgumentException("trailing data at " + position);
      }
    }
  }

  /** Encodes a list of strings. */
  static String strings(List<String> values) {
    Writer writer = new Writer().number(values.size());
    values.forEach(writer::text);
    return writer.toString();
  }

  /** Decodes a list written by {@link #strings(List)}. */
  static List<String> strings(String encoded) {
    Reader reader = new Reader(encoded);
    int count = reader.count();
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(reader.text());
    }
    reader.end();
    return values;
  }
}
