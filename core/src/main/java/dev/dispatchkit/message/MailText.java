package dev.dispatchkit.message;

/** Escaping and flattening shared by the templates. */
final class MailText {
  private MailText() {}

  /** One line: every control or line-separator character becomes a space. */
  static String oneLine(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = (c < 0x20) || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
      out.append(control ? ' ' : c);
    }
    return out.toString().strip();
  }

  /** HTML text content and attribute values, escaped. */
  static String html(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append("<br>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
