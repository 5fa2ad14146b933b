package dev.dispatchkit.reply;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link HtmlToText#simple()}: a single forward pass over the HTML, no regular expression, no
 * backtracking. Malformed markup degrades to text; it never throws.
 */
enum SimpleHtmlToText implements HtmlToText {
  INSTANCE;

  /** Elements whose content is dropped: quotes of the original, and what is not text. */
  private static final Set<String> DROPPED =
      Set.of("blockquote", "style", "script", "head", "title", "template", "noscript", "svg");

  /** Elements that break the line before and after them. */
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "br",
          "tr",
          "li",
          "ul",
          "ol",
          "table",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "hr",
          "pre",
          "section",
          "article",
          "header",
          "footer",
          "dl",
          "dt",
          "dd",
          "address",
          "body",
          "html",
          "center",
          "form",
          "fieldset",
          "nav",
          "aside",
          "main",
          "figure");

  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", "\u00a0"),
          Map.entry("eacute", "é"),
          Map.entry("egrave", "è"),
          Map.entry("ecirc", "ê"),
          Map.entry("agrave", "à"),
          Map.entry("acirc", "â"),
          Map.entry("ccedil", "ç"),
          Map.entry("ocirc", "ô"),
          Map.entry("ucirc", "û"),
          Map.entry("ugrave", "ù"),
          Map.entry("icirc", "î"),
          Map.entry("iuml", "ï"),
          Map.entry("euml", "ë"),
          Map.entry("Eacute", "É"),
          Map.entry("Agrave", "À"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("laquo", "«"),
          Map.entry("raquo", "»"),
          Map.entry("hellip", "…"),
          Map.entry("ndash", "\u2013"),
          Map.entry("mdash", "\u2014"),
          Map.entry("euro", "€"),
          Map.entry("copy", "©"),
          Map.entry("zwnj", "\u200c"),
          Map.entry("zwj", "\u200d"));

  @Override
  public String toText(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int dropDepth = 0;
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        if (html.startsWith("<!--", i)) {
          int end = html.indexOf("-->", i + 4);
          i = end < 0 ? n : end + 3;
          continue;
        }
        int end = html.indexOf('>', i + 1);
        if (end < 0) {
          break;
        }
        String name = tagName(html, i + 1, end);
        boolean closing = i + 1 < n && html.charAt(i + 1) == '/';
        boolean selfClosing = html.charAt(end - 1) == '/';
        if (DROPPED.contains(name)) {
          if (closing) {
            dropDepth = Math.max(0, dropDepth - 1);
          } else if (!selfClosing) {
            dropDepth++;
          }
        } else if (BLOCKS.contains(name) && dropDepth == 0) {
          out.append('\n');
        }
        i = end + 1;
        continue;
      }
      if (dropDepth > 0) {
        i++;
        continue;
      }
      if (c == '&') {
        // Entities are short: looking further for the ';' made a run of '&' quadratic.
        int semi = semicolonWithin(html, i + 1, Math.min(n, i + 11));
        if (semi > i + 1) {
          String decoded = entity(html.substring(i + 1, semi));
          if (decoded != null) {
            out.append(decoded);
            i = semi + 1;
            continue;
          }
        }
        out.append(c);
        i++;
        continue;
      }
      // Source line breaks and tabs are spaces in HTML; only block elements break lines.
      out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
      i++;
    }
    return tidy(out);
  }

  private static int semicolonWithin(String html, int from, int to) {
    for (int k = from; k < to; k++) {
      if (html.charAt(k) == ';') {
        return k;
      }
    }
    return -1;
  }

  private static String tagName(String html, int from, int end) {
    int k = from;
    if (k < end && html.charAt(k) == '/') {
      k++;
    }
    int start = k;
    while (k < end && (Character.isLetterOrDigit(html.charAt(k)) || html.charAt(k) == ':')) {
      k++;
    }
    return html.substring(start, k).toLowerCase(Locale.ROOT);
  }

  private static String entity(String name) {
    if (name.startsWith("#")) {
      try {
        int cp =
            name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ENTITIES.get(name);
  }

  /** Spaces collapsed inside lines, lines stripped, at most one blank line in a row. */
  private static String tidy(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    int blankRun = 0;
    for (String line : ReplyTrimmer.splitLines(text.toString())) {
      String l = Lexicon.collapseSpaces(line.replace('\u00a0', ' ')).strip();
      if (l.isEmpty()) {
        blankRun++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blankRun > 0 ? "\n\n" : "\n");
      }
      out.append(l);
      blankRun = 0;
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "HtmlToText.simple()";
  }
}
