package dev.dispatchkit.mail;

import dev.dispatchkit.reply.HtmlToText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * Converts an HTML body to the text the sender wrote, with jsoup. Quoted containers go first, then
 * the rest becomes text: one line per block element and {@code <br>}, entities decoded.
 *
 * <p>What counts as quoted: Gmail's {@code gmail_quote} and {@code gmail_attr}, every {@code
 * <blockquote>} (Apple Mail's and Thunderbird's {@code type="cite"} included), Thunderbird's {@code
 * moz-cite-prefix}, Yahoo's {@code yahoo_quoted}, Apple's {@code AppleOriginalContents}, the quote
 * classes of mail.ru, Yandex, ProtonMail and Zimbra. Outlook's reply header ({@code
 * #divRplyFwdMsg}, a top-bordered {@code From:} block, Hotmail's {@code #stopSpelling} rule, or a
 * paragraph that starts with {@code From:}/{@code De :} and names a {@code Sent:}/{@code Envoyé :})
 * starts the quoted original, so everything after it goes too. An attribution line ending with a
 * colon just above a dropped quote ({@code 26.06.2014, "Alex" <a@example.com>:}) goes with it.
 *
 * <p>Interleaved replies keep their shape: when new text stands both above and below a quote, the
 * quote stays as {@code >} lines, so that the classifier sees the interleaving and leaves the
 * decision to a human.
 *
 * <p>Instances are immutable and thread-safe; {@link #toText} never throws.
 */
public final class JsoupHtmlToText implements HtmlToText {

  private static final String QUOTE_SELECTOR =
      String.join(
          ", ",
          "blockquote",
          ".gmail_quote",
          ".gmail_quote_container",
          ".gmail_attr",
          ".moz-cite-prefix",
          "[class*=yahoo_quoted]",
          "#AppleOriginalContents",
          ".mail-quote-collapse",
          ".js-helper-quote",
          ".yandex_quote",
          ".protonmail_quote",
          "[data-marker=__QUOTED_TEXT__]");

  /** Elements where the quoted original starts, along with all that follows. */
  private static final String CUT_SELECTOR =
      String.join(
          ", ",
          "#divRplyFwdMsg",
          "#appendonsend",
          "#stopSpelling",
          "hr#stopSpelling",
          "[data-marker=__HEADERS__]",
          "[data-marker=__DIVIDER__]");

  // Parsed once: jsoup would parse a selector string again on every call.
  private static final Evaluator QUOTE = QueryParser.parse(QUOTE_SELECTOR);
  private static final Evaluator CUT = QueryParser.parse(CUT_SELECTOR);
  private static final Evaluator INVISIBLE =
      QueryParser.parse("head, style, script, template, title, [hidden]");
  private static final Evaluator STYLED_DISPLAY = QueryParser.parse("[style*=display]");

  private static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "dd",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hr",
          "li",
          "main",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "table",
          "tbody",
          "thead",
          "tfoot",
          "tr",
          "ul",
          "body",
          "html");

  // The labels of a reply header block, in the languages providers write in.
  private static final Pattern HEADER_FROM =
      Pattern.compile(
          "^(from|de|von|da|van|от|od|från)\\s?:", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern HEADER_SENT =
      Pattern.compile(
          "(sent|envoy[ée]|gesendet|inviato|enviado|verzonden|отправлено|date)\\s?:",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BORDER_TOP = Pattern.compile("border-top(-style)?:\\s*solid");

  private static final JsoupHtmlToText INSTANCE = new JsoupHtmlToText();

  private JsoupHtmlToText() {}

  /** The converter; it has no settings. */
  public static JsoupHtmlToText create() {
    return INSTANCE;
  }

  /**
   * The most elements handed to jsoup; a larger body is converted flat by {@link
   * HtmlToText#simple()}. Why: jsoup's tree building and the removals are quadratic in the worst
   * case (100,000 unclosed or nested tags took minutes); below this bound they take milliseconds.
   */
  public static final int MAX_ELEMENTS = 10_000;

  /**
   * The deepest nesting handed to jsoup; a deeper body is converted flat, as past {@link
   * #MAX_ELEMENTS}.
   */
  public static final int MAX_NESTING = 500;

  // How much of a block's text the reply-header check reads: its labels stand at the start.
  private static final int HEADER_TEXT_CHARS = 1_000;
  private static final int HEADER_TEXT_NODES = 200;

  @Override
  public String toText(String html) {
    if (!HtmlShape.fitsTree(html, MAX_ELEMENTS, MAX_NESTING)) {
      return HtmlToText.simple().toText(html);
    }
    try {
      Document document = Jsoup.parse(html);
      document.select(INVISIBLE).remove();
      for (Element element : document.select(STYLED_DISPLAY)) {
        if (element
            .attr("style")
            .replace(" ", "")
            .toLowerCase(Locale.ROOT)
            .contains("display:none")) {
          element.remove();
        }
      }
      Renderer renderer = new Renderer();
      renderer.traverse(document.body() != null ? document.body() : document);
      return renderer.finish();
    } catch (RuntimeException | StackOverflowError e) {
      // A converter must never fail a classification; the dependency-free one is good enough.
      return HtmlToText.simple().toText(html);
    }
  }

  private static boolean startsQuote(Element element) {
    return element.is(QUOTE);
  }

  private static boolean startsCut(Element element) {
    if (element.is(CUT)) {
      return true;
    }
    String tag = element.normalName();
    if (!tag.equals("div") && !tag.equals("p")) {
      return false;
    }
    String style = element.attr("style").toLowerCase(Locale.ROOT);
    // Only the start of the block: element.text() on every nested div made the walk quadratic.
    String text = HtmlShape.leadingText(element, HEADER_TEXT_CHARS, HEADER_TEXT_NODES).strip();
    if (!HEADER_FROM.matcher(text).find()) {
      return false;
    }
    // Outlook's separators ("border-top:solid #E1E1E1", "border:none;border-top:solid #B5C4DF")
    // and any block that reads as a From/Sent header.
    return BORDER_TOP.matcher(style).find() || HEADER_SENT.matcher(text).find();
  }

  /** One output line, and whether it belongs to a quote. */
  private record Line(String text, boolean quoted) {}

  /** Walks the DOM once, building lines. */
  private static final class Renderer implements NodeVisitor {
    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private boolean currentQuoted;
    private int quoteDepth;
    private int preDepth;
    private boolean cut;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode textNode) {
        appendText(textNode.getWholeText());
        return;
      }
      if (!(node instanceof Element element)) {
        return;
      }
      String tag = element.normalName();
      if (BLOCKS.contains(tag)) {
        breakLine();
      }
      if (!cut && startsCut(element)) {
        breakLine();
        cut = true;
      }
      if (startsQuote(element)) {
        breakLine();
        quoteDepth++;
      }
      if (tag.equals("pre")) {
        preDepth++;
      } else if (tag.equals("br")) {
        hardBreak();
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element element)) {
        return;
      }
      String tag = element.normalName();
      if (startsQuote(element)) {
        breakLine();
        quoteDepth--;
      }
      if (tag.equals("pre")) {
        preDepth--;
      }
      if (BLOCKS.contains(tag)) {
        breakLine();
      }
    }

    private boolean quoted() {
      return cut || quoteDepth > 0;
    }

    private void appendText(String text) {
      if (current.length() == 0) {
        currentQuoted = quoted();
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' && preDepth > 0) {
          hardBreak();
          currentQuoted = quoted();
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0) {
          // Collapse white space as a browser does; a non-breaking space becomes a plain one.
          if (preDepth > 0
              || (current.length() > 0 && current.charAt(current.length() - 1) != ' ')) {
            current.append(' ');
          }
        } else {
          current.append(c);
        }
      }
    }

    /** Ends the current line, if it holds anything: the edge of a block. */
    private void breakLine() {
      if (!current.toString().isBlank()) {
        hardBreak();
      }
      current.setLength(0);
      currentQuoted = quoted();
    }

    /** Ends the current line even when empty: a {@code <br>}, or a new line inside pre. */
    private void hardBreak() {
      String text = current.toString().stripTrailing();
      current.setLength(0);
      lines.add(new Line(text, text.isEmpty() ? quoted() : currentQuoted));
      currentQuoted = quoted();
    }

    String finish() {
      breakLine();
      int[] meaningful = new int[lines.size()];
      // Which lines carry new text: they decide whether a quote is dropped or kept as '>'.
      int count = 0;
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        if (!line.quoted() && !line.text().isEmpty()) {
          meaningful[count++] = i;
        }
      }
      int firstText = count == 0 ? Integer.MAX_VALUE : meaningful[0];
      int lastText = count == 0 ? -1 : meaningful[count - 1];
      List<String> out = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        if (!line.quoted()) {
          if (!(i == lastText && isAttributionBefore(i))) {
            out.add(line.text());
          }
        } else if (i > firstText && i < lastText && !line.text().isEmpty()) {
          out.add("> " + line.text());
        }
      }
      return join(out);
    }

    /** Whether line {@code i} ends with a colon and only a quote follows it. */
    private boolean isAttributionBefore(int i) {
      if (!lines.get(i).text().endsWith(":")) {
        return false;
      }
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(j).quoted() && !lines.get(j).text().isEmpty()) {
          return true;
        }
      }
      return false;
    }

    private static String join(List<String> lines) {
      StringBuilder text = new StringBuilder();
      boolean blank = false;
      for (String line : lines) {
        if (line.isEmpty()) {
          blank = text.length() > 0;
          continue;
        }
        if (text.length() > 0) {
          text.append(blank ? "\n\n" : "\n");
        }
        text.append(line);
        blank = false;
      }
      return text.toString();
    }
  }
}
