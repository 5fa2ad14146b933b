package dev.dispatchkit.reply;

import dev.dispatchkit.reply.LineScan.Kind;
import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the new text of a reply: removes the quoted original, reply headers, forwarded messages
 * and signatures, following the reply policy.
 *
 * <p>It reads the body one line at a time and looks at most a few lines ahead, so it runs in time
 * linear in the body's length; it uses no regular expression. It folds a line only when it reaches
 * it, so the original below the first header or separator, often most of the body, is never folded.
 * What it removes:
 *
 * <ul>
 *   <li>lines starting with {@code >}; when nothing new stands above them (a greeting alone is
 *       nothing new), the text right after the first block of such lines is the new text (bottom
 *       posting), and text between two quoted blocks makes the reply interleaved;
 *   <li>from the first of these lines on: a reply header ending with a verb such as {@code wrote:}
 *       or {@code a écrit :}, also wrapped over two lines; a header block ({@code From:}/{@code De
 *       :}/{@code Von:} followed by {@code Sent:}, {@code To:} or {@code Subject:} fields in any
 *       language of the vocabulary); separators such as {@code -----Original Message-----}; lines
 *       made only of {@code - _ = * ~ # +}; a {@code -- } signature; a mobile signature; a forward
 *       marker.
 * </ul>
 *
 * Instances are immutable and thread-safe.
 */
public final class ReplyTrimmer {

  private final Vocabulary vocabulary;
  private final Lexicon lexicon;
  private final ReplyHeaders replyHeaders;
  private final HeaderBlocks headerBlocks;
  private final TrimMarkers markers;

  private ReplyTrimmer(Vocabulary vocabulary) {
    this(vocabulary, new Lexicon(vocabulary));
  }

  ReplyTrimmer(Vocabulary vocabulary, Lexicon lexicon) {
    this.vocabulary = vocabulary;
    this.lexicon = lexicon;
    this.replyHeaders = new ReplyHeaders(lexicon);
    this.headerBlocks = new HeaderBlocks(lexicon);
    this.markers = new TrimMarkers(lexicon);
  }

  /** A trimmer with the default English and French vocabulary. */
  public static ReplyTrimmer standard() {
    return Holder.STANDARD;
  }

  /** A trimmer with the quote and signature markers of {@code vocabulary}. */
  public static ReplyTrimmer of(Vocabulary vocabulary) {
    return new ReplyTrimmer(Objects.requireNonNull(vocabulary, "vocabulary"));
  }

  /**
   * The new text of a plain-text reply body.
   *
   * @param plainTextBody the decoded {@code text/plain} body, any line endings
   * @return the text the sender wrote, lines joined with {@code \n}, without surrounding blank
   *     lines; empty when there is none. Never throws.
   */
  public String extract(String plainTextBody) {
    return trim(plainTextBody).text();
  }

  /** The vocabulary this trimmer reads markers from. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * The outcome of trimming.
   *
   * @param text the new text
   * @param interleaved whether new text stands between quoted blocks
   * @param forwardMarker whether the body holds a forward marker
   * @param textAboveMarker whether any text stood above the first quote, header or marker
   * @param markerFound whether any quote, header, separator, signature or marker was found
   */
  record Result(
      String text,
      boolean interleaved,
      boolean forwardMarker,
      boolean textAboveMarker,
      boolean markerFound) {}

  Result trim(String body) {
    return trim(body, null);
  }

  /**
   * Trims {@code body}, counting in {@code work} (when given) how many lines were folded and how
   * often lines were looked at: tests read it to check that the work stays linear.
   */
  Result trim(String body, @Nullable Work work) {
    List<String> lines = splitLines(body);
    int n = lines.size();
    LineScan scan = new LineScan(lines, replyHeaders, work);
    int cut = n;
    boolean forward = false;
    for (int i = 0; i < n; i++) {
      // Markdown code blocks are the sender's own text, whatever they hold.
      if (scan.kind(i) != Kind.TEXT || scan.fenced(i)) {
        continue;
      }
      int headerStart = replyHeaders.start(scan, i);
      if (headerStart >= 0) {
        int next = scan.nextNonBlank(i + 1);
        if (next >= 0 && scan.kind(next) == Kind.QUOTE) {
          // A header right above quoted lines belongs to that quote block (bottom posting).
          for (int k = headerStart; k <= i; k++) {
            scan.markQuote(k);
          }
          continue;
        }
        cut = headerStart;
        break;
      }
      if (markers.isForwardMarker(scan.folded(i))) {
        forward = true;
        cut = i;
        break;
      }
      if (markers.isSignatureOrSeparator(lines.get(i), scan.folded(i))
          || headerBlocks.opensBlock(scan, i)
          || markers.isMobileSignature(scan.folded(i))) {
        cut = i;
        break;
      }
    }

    int firstQuote = -1;
    for (int i = 0; i < cut; i++) {
      if (scan.kind(i) == Kind.QUOTE) {
        firstQuote = i;
        break;
      }
    }
    boolean textAbove = false;
    int limit = firstQuote < 0 ? cut : firstQuote;
    for (int i = 0; i < limit; i++) {
      if (scan.kind(i) == Kind.TEXT) {
        textAbove = true;
        break;
      }
    }
    if (firstQuote < 0) {
      return new Result(join(lines, 0, cut), false, forward, textAbove, cut < n);
    }
    boolean meaningfulAbove = false;
    for (int i = 0; i < firstQuote; i++) {
      if (scan.kind(i) == Kind.TEXT && !isGreetingOnly(scan.folded(i))) {
        meaningfulAbove = true;
        break;
      }
    }
    int afterBlock = firstQuote;
    while (afterBlock < cut && scan.kind(afterBlock) != Kind.TEXT) {
      afterBlock++;
    }
    int nextQuote = afterBlock;
    while (nextQuote < cut && scan.kind(nextQuote) != Kind.QUOTE) {
      nextQuote++;
    }
    boolean interleaved = afterBlock < cut && nextQuote < cut;
    if (interleaved) {
      // No part of it can be read alone: a human reads the whole exchange, quotes included.
      return new Result(join(lines, 0, cut), true, forward, textAbove, true);
    }
    if (meaningfulAbove) {
      return new Result(join(lines, 0, firstQuote), false, forward, true, true);
    }
    // Bottom posting: nothing new above the quote, so the text right after it is the reply.
    String below = join(lines, afterBlock, nextQuote);
    return below.isEmpty()
        ? new Result(join(lines, 0, firstQuote), false, forward, textAbove, true)
        : new Result(below, false, forward, textAbove, true);
  }

  /** Whether a line is a greeting and nothing else: "Bonjour,", "Hi team,", "Bonjour Marie,". */
  boolean isGreetingOnly(String folded) {
    int end = lexicon.matchLength(WordList.GREETING, folded, 0);
    if (end < 0) {
      return false;
    }
    String rest = folded.substring(end).strip();
    if (rest.isEmpty() || rest.equals(",") || rest.equals("!") || rest.equals(".")) {
      return true;
    }
    if (!(rest.endsWith(",") || rest.endsWith("!"))) {
      return false;
    }
    String name = rest.substring(0, rest.length() - 1).strip();
    if (name.isEmpty() || name.split(" ").length > 3) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (!(Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '.')) {
        return false;
      }
    }
    for (int k = 0; k < name.length(); k++) {
      if (k == 0 || name.charAt(k - 1) == ' ') {
        if (lexicon.matchLength(WordList.ACCEPT, name, k) >= 0
            || lexicon.matchLength(WordList.DECLINE, name, k) >= 0) {
          return false;
        }
      }
    }
    return true;
  }

  static List<String> splitLines(String body) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int len = body.length();
    for (int i = 0; i < len; i++) {
      char c = body.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(body.substring(start, i));
        if (c == '\r' && i + 1 < len && body.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(body.substring(start));
    return lines;
  }

  /** Lines {@code [from, to)} joined with {@code \n}, trailing spaces and blank edges removed. */
  private static String join(List<String> lines, int from, int to) {
    int a = from;
    int b = to;
    while (a < b && Folded.fold(lines.get(a)).isBlank()) {
      a++;
    }
    while (b > a && Folded.fold(lines.get(b - 1)).isBlank()) {
      b--;
    }
    StringBuilder out = new StringBuilder();
    for (int i = a; i < b; i++) {
      if (i > a) {
        out.append('\n');
      }
      out.append(lines.get(i).stripTrailing());
    }
    return out.toString().strip();
  }

  /** Work done by one {@link #trim}, counted for the tests that keep it linear. */
  static final class Work {
    /** Lines folded: a reply above a long original folds only the lines down to the cut. */
    int linesFolded;

    /** Times a line's kind or folded form was read, lookahead and lookback included. */
    int lineReads;
  }

  private static final class Holder {
    static final ReplyTrimmer STANDARD = new ReplyTrimmer(Vocabulary.defaults());
  }
}
