package dev.dispatchkit.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A deferred write's parameters written into its MariaDB statement text, for the plain-statement
 * batch of {@link MariaDbDialect#runWrites}. Only the types the adapter's binders set are accepted.
 * A string becomes {@code _utf8mb4 X'<its UTF-8 bytes in hex>'}: no character of it reaches the SQL
 * text, so nothing is escaped and neither {@code NO_BACKSLASH_ESCAPES} nor the connection's
 * character set plays a part; the literal's collation yields to the column's.
 */
final class MariaDbLiterals {
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private MariaDbLiterals() {}

  /**
   * The statement with each {@code ?} outside quotes replaced by its parameter as a literal.
   *
   * @throws IllegalStateException when the placeholders and parameters do not match, or a value is
   *     of a type this class does not write
   */
  static String inline(String sql, RecordedParameters parameters) {
    StringBuilder out = new StringBuilder(sql.length() + 64 * parameters.count());
    boolean quoted = false;
    int next = 1;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (c == '?' && !quoted) {
        if (next > parameters.count()) {
          throw new IllegalStateException("more placeholders than parameters in " + sql);
        }
        literal(out, parameters.at(next++));
      } else {
        out.append(c);
      }
    }
    if (next != parameters.count() + 1) {
      throw new IllegalStateException("more parameters than placeholders in " + sql);
    }
    return out.toString();
  }

  private static void literal(StringBuilder out, RecordedParameters.Setter setter) {
    Object value = setter.value();
    if (value == null) {
      out.append("NULL");
    } else if (value instanceof String text) {
      out.append("_utf8mb4 X'")
          .append(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)))
          .append('\'');
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      out.append(value);
    } else if (value instanceof Boolean flag) {
      out.append(flag ? "TRUE" : "FALSE");
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof LocalDateTime dateTime
        && dateTime.getYear() >= 1000
        && dateTime.getYear() <= 9999) {
      out.append("TIMESTAMP'").append(DATETIME.format(dateTime)).append('\'');
    } else {
      throw new IllegalStateException(
          "no MariaDB literal for "
              + setter.method().getName()
              + " of a "
              + value.getClass().getName()
              + (value instanceof LocalDateTime ? " outside the years 1000 to 9999" : ""));
    }
  }
}
