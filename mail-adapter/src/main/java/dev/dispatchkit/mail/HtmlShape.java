package dev.dispatchkit.mail;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Linear checks that keep {@link JsoupHtmlToText} bounded: a scan of the markup before jsoup builds
 * a tree, and a bounded read of an element's leading text.
 */
final class HtmlShape {

  // Elements with no end tag: they never deepen the nesting.
  private static final Set<String> VOID =
      Set.of(
          "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
          "source", "track", "wbr");

  private HtmlShape() {}

  /**
   * Whether the markup has at most {@code maxElements} start tags and nests at most {@code
   * maxNesting} deep, counting an unclosed tag as open to the end. One pass, no allocation per tag
   * beyond its name.
   */
  static boolean fitsTree(String html, int maxElements, int maxNesting) {
    int elements = 0;
    int open = 0;
    int n = html.length();
    for (int i = 0; i < n - 1; i++) {
      if (html.charAt(i) != '<') {
        continue;
      }
      char next = html.charAt(i + 1);
      boolean closing = next == '/';
      int start = closing ? i + 2 : i + 1;
      if (start >= n || !isAsciiLetter(html.charAt(start))) {
        continue;
      }
      int end = start;
      while (end < n && end - start < 12 && isAsciiLetterOrDigit(html.charAt(end))) {
        end++;
      }
      String name = html.substring(start, end).toLowerCase(java.util.Locale.ROOT);
      if (closing) {
        open = Math.max(0, open - 1);
        continue;
      }
      if (++elements > maxElements) {
        return false;
      }
      if (!VOID.contains(name) && ++open > maxNesting) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text at the start of an element, read depth first without recursion: at most {@code
   * maxChars} characters from at most {@code maxNodes} nodes, text joined as {@code text()} would,
   * roughly (block edges are spaces).
   */
  static String leadingText(Element element, int maxChars, int maxNodes) {
    StringBuilder out = new StringBuilder();
    Node node = element.childNodeSize() > 0 ? element.childNode(0) : null;
    int visited = 0;
    while (node != null && visited++ < maxNodes && out.length() < maxChars) {
      if (node instanceof TextNode text) {
        out.append(text.getWholeText());
      } else if (node instanceof Element child
          && (child.isBlock() || child.normalName().equals("br"))) {
        out.append(' '); // as text() does between blocks and at a line break
      }
      node = next(node, element);
    }
    return collapse(out, maxChars);
  }

  /** White space runs as one space, non-breaking spaces included, at most {@code max} chars. */
  private static String collapse(CharSequence text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == 0xA0) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The next node in document order below {@code root}, or null at its end. */
  private static Node next(Node node, Element root) {
    if (node.childNodeSize() > 0) {
      return node.childNode(0);
    }
    Node current = node;
    while (current != null && current != root) {
      Node sibling = current.nextSibling();
      if (sibling != null) {
        return sibling;
      }
      current = current.parent();
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }
}
