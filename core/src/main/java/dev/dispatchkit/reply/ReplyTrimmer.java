package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

  /** How far below a {@code From:} line the other fields of a header block may stand. */
  private static final int HEADER_BLOCK_LOOKAHEAD = 6;

  /** How many lines above its end a wrapped reply header may start. */
  private static final int HEADER_LOOKBACK = 4;

  private static final List<WordList> FIELDS =
      List.of(
          WordList.HEADER_FROM, WordList.HEADER_SENT, WordList.HEADER_TO, WordList.HEADER_SUBJECT);

  private final Vocabulary vocabulary;
  private final Lexicon lexicon;

  // Markers in the form lines are compared with, computed once rather than for every line.
  private final Set<String> separators;
  private final List<String> forwardMarkers;
  private final Set<String> headerVerbs;

  private ReplyTrimmer(Vocabulary vocabulary) {
    this(vocabulary, new Lexicon(vocabulary));
  }

  ReplyTrimmer(Vocabulary vocabulary, Lexicon lexicon) {
    this.vocabulary = vocabulary;
    this.lexicon = lexicon;
    Set<String> separators = new HashSet<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.ORIGINAL_MESSAGE)) {
      separators.add(stripDecoration(entry.phrase()));
    }
    this.separators = Set.copyOf(separators);
    List<String> forwardMarkers = new ArrayList<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.FORWARD_MARKER)) {
      String marker = stripDecoration(entry.phrase());
      if (!marker.isEmpty()) {
        forwardMarkers.add(marker);
      }
    }
    this.forwardMarkers = List.copyOf(forwardMarkers);
    Set<String> headerVerbs = new HashSet<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.REPLY_HEADER)) {
      headerVerbs.add(entry.phrase());
    }
    this.headerVerbs = Set.copyOf(headerVerbs);
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

  private enum Kind {
    BLANK,
    TEXT,
    QUOTE
  }

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
    Scan scan = new Scan(lines, work);
    int cut = n;
    boolean forward = false;
    for (int i = 0; i < n; i++) {
      // Markdown code blocks are the sender's own text, whatever they hold.
      if (scan.kind(i) != Kind.TEXT || scan.fenced(i)) {
        continue;
      }
      int headerStart = replyHeaderStart(scan, i);
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
      if (isForwardMarker(scan.folded(i))) {
        forward = true;
        cut = i;
        break;
      }
      if (isSignatureOrSeparator(lines.get(i), scan.folded(i))
          || isHeaderBlock(scan, i)
          || startsWithAny(WordList.MOBILE_SIGNATURE, scan.folded(i))) {
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

  private static boolean isQuoteLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '>') {
        return true;
      }
      if (c != ' ' && c != '\t' && !Folded.isInvisible(c)) {
        return false;
      }
    }
    return false;
  }

  /**
   * Where a reply header ending on line {@code i} starts; -1 when line {@code i} ends none.
   *
   * <p>A header ends with a colon (or sits between dashes) and holds a verb such as "wrote" or "a
   * écrit", or, without a verb, a date and an address right before the colon. Mail programs wrap
   * long headers, so it may start up to {@link #HEADER_LOOKBACK} lines higher: at the nearest line
   * that opens with a date or an opening word with a date ("On 3 May", "Le 4 janv."), else at the
   * nearest line holding the verb and an address. Line {@code i} itself is tried first, so a
   * sentence of the new text above a one-line header is never taken into it.
   */
  private int replyHeaderStart(Scan scan, int i) {
    String f = scan.folded(i);
    boolean decorated = f.startsWith("--") && f.endsWith("--");
    if (!f.endsWith(":") && !decorated && !endsLikeBareHeader(scan, i)) {
      return -1;
    }
    int start = -1;
    for (int k = i; k >= 0 && k >= i - HEADER_LOOKBACK; k--) {
      if (k < i && scan.kind(k) == Kind.QUOTE) {
        break;
      }
      if (scan.kind(k) == Kind.TEXT && opensHeader(stripDecoration(scan.folded(k)))) {
        start = k;
        break;
      }
    }
    if (start < 0) {
      for (int k = i; k >= 0 && k >= i - HEADER_LOOKBACK; k--) {
        if (k < i && scan.kind(k) == Kind.QUOTE) {
          break;
        }
        if (scan.kind(k) == Kind.TEXT
            && hasVerb(scan.folded(k))
            && scan.folded(k).indexOf('@') >= 0) {
          start = k;
          break;
        }
      }
    }
    if (start < 0) {
      start = i;
    }
    StringBuilder joined = new StringBuilder();
    for (int k = start; k <= i; k++) {
      joined.append(' ').append(scan.folded(k));
    }
    String header = stripDecoration(joined.toString());
    if (hasVerb(header) && (start < i || opensHeader(header) || looksLikeHeaderLine(header))) {
      return start;
    }
    // Without a verb: "2016-10-24 15:36 GMT+02:00 Foo <foo@bar.example>:" (Gmail, Yandex).
    if (startsWithDigit(scan.folded(start))
        && header.indexOf('@') >= 0
        && endsWithAddress(scan.folded(i))) {
      return start;
    }
    return -1;
  }

  /** "2013/7/20 sam <sam@example.com>" above quoted or {@code |}-prefixed lines. */
  private static boolean endsLikeBareHeader(Scan scan, int i) {
    String f = scan.folded(i);
    if (!f.endsWith(">") || f.indexOf('@') < 0 || !startsWithDigit(f)) {
      return false;
    }
    int next = scan.nextNonBlank(i + 1);
    return next >= 0 && (scan.kind(next) == Kind.QUOTE || scan.folded(next).startsWith("|"));
  }

  private static boolean endsWithAddress(String folded) {
    String f = folded.endsWith(":") ? folded.substring(0, folded.length() - 1).strip() : folded;
    if (f.endsWith(">")) {
      return true;
    }
    int space = f.lastIndexOf(' ');
    return f.substring(space + 1).indexOf('@') > 0;
  }

  /** A line opening a header: a date, or an opening word ("On", "Le") and a digit. */
  private boolean opensHeader(String folded) {
    if (startsWithDigit(folded)) {
      return true;
    }
    return lexicon.matchLength(WordList.REPLY_HEADER_START, folded, 0) >= 0
        && containsDigit(folded);
  }

  private boolean hasVerb(String folded) {
    return lexicon.containsAny(WordList.REPLY_HEADER, folded);
  }

  /** A {@code >:} or {@code > wrote:} line: the wrapped end of a header, not a quote. */
  private boolean isHeaderTail(String folded) {
    // Checked first so that the many ordinary quoted lines cost no copy.
    if (!folded.endsWith(":")) {
      return false;
    }
    String rest = folded.substring(1).strip();
    if (rest.equals(":")) {
      return true;
    }
    if (!rest.endsWith(":")) {
      return false;
    }
    return headerVerbs.contains(rest.substring(0, rest.length() - 1).strip());
  }

  private static boolean startsWithDigit(String s) {
    return !s.isEmpty() && Character.isDigit(s.charAt(0));
  }

  /** A one-line header without an opening word: an address or a date before the verb. */
  private static boolean looksLikeHeaderLine(String folded) {
    return folded.indexOf('@') >= 0 || folded.indexOf('<') >= 0 || containsDigit(folded);
  }

  private static boolean containsDigit(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.isDigit(s.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private boolean isForwardMarker(String folded) {
    String core = stripDecoration(folded);
    if (core.isEmpty()) {
      return false;
    }
    for (String marker : forwardMarkers) {
      if (core.startsWith(marker)
          && (core.length() == marker.length() || core.charAt(marker.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }

  private boolean isSignatureOrSeparator(String line, String folded) {
    String raw = line.strip();
    if (raw.equals("--") || raw.equals("-- ")) {
      return true;
    }
    if (folded.length() >= 2 && isDecorationOnly(folded)) {
      return true;
    }
    String core = stripDecoration(folded);
    return !core.isEmpty() && separators.contains(core);
  }

  /** Whether line {@code i} opens a header block: a sender field, then other fields below. */
  private boolean isHeaderBlock(Scan scan, int i) {
    int afterFrom = fieldValueStart(WordList.HEADER_FROM, scan.folded(i));
    if (afterFrom < 0) {
      return isBlockWithoutFromFirst(scan, i);
    }
    String rest = scan.folded(i).substring(afterFrom);
    // Some clients put the whole block on one line.
    if (containsField(rest, WordList.HEADER_SENT) || containsField(rest, WordList.HEADER_SUBJECT)) {
      return true;
    }
    int seen = 0;
    for (int k = i + 1; k < scan.size() && seen < HEADER_BLOCK_LOOKAHEAD; k++) {
      if (scan.kind(k) == Kind.BLANK) {
        continue;
      }
      seen++;
      if (fieldValueStart(WordList.HEADER_SENT, scan.folded(k)) >= 0
          || fieldValueStart(WordList.HEADER_TO, scan.folded(k)) >= 0
          || fieldValueStart(WordList.HEADER_SUBJECT, scan.folded(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hotmail and others start the block with {@code Date:} or {@code Subject:}: then the block needs
   * a sender field and a third kind of field within the next lines.
   */
  private boolean isBlockWithoutFromFirst(Scan scan, int i) {
    WordList first = fieldKind(scan.folded(i));
    if (first == null || first == WordList.HEADER_TO) {
      return false;
    }
    EnumSet<WordList> kindsSeen = EnumSet.of(first);
    int seen = 0;
    for (int k = i + 1; k < scan.size() && seen < HEADER_BLOCK_LOOKAHEAD; k++) {
      if (scan.kind(k) == Kind.BLANK) {
        continue;
      }
      seen++;
      WordList kind = fieldKind(scan.folded(k));
      if (kind != null) {
        kindsSeen.add(kind);
      }
    }
    return kindsSeen.contains(WordList.HEADER_FROM) && kindsSeen.size() >= 3;
  }

  private @Nullable WordList fieldKind(String folded) {
    for (WordList kind : FIELDS) {
      if (fieldValueStart(kind, folded) >= 0) {
        return kind;
      }
    }
    return null;
  }

  /** Whether a field name of {@code names} follows a space in {@code text}, then its colon. */
  private boolean containsField(String text, WordList names) {
    for (int at = text.indexOf(' '); at >= 0 && at + 1 < text.length(); ) {
      for (Lexicon.Entry entry : lexicon.startingWith(names, text.charAt(at + 1))) {
        String phrase = entry.phrase();
        if (!text.startsWith(phrase, at + 1)) {
          continue;
        }
        int end = at + 1 + phrase.length();
        int k = end;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '*')) {
          k++;
        }
        if (k < text.length() && text.charAt(k) == ':' && k - end <= 3) {
          return true;
        }
      }
      at = text.indexOf(' ', at + 1);
    }
    return false;
  }

  /**
   * Where the value of a header field starts when {@code folded} is such a field ({@code From:},
   * {@code *De :*}, {@code Von:}); -1 when it is not.
   */
  private int fieldValueStart(WordList names, String folded) {
    int pos = 0;
    while (pos < folded.length() && (folded.charAt(pos) == '*' || folded.charAt(pos) == ' ')) {
      pos++;
    }
    int end = lexicon.matchLength(names, folded, pos);
    if (end < 0) {
      return -1;
    }
    int k = end;
    while (k < folded.length() && (folded.charAt(k) == ' ' || folded.charAt(k) == '*')) {
      k++;
    }
    return k < folded.length() && folded.charAt(k) == ':' ? k + 1 : -1;
  }

  private boolean startsWithAny(WordList list, String folded) {
    if (folded.isEmpty()) {
      return false;
    }
    for (Lexicon.Entry entry : lexicon.startingWith(list, folded.charAt(0))) {
      if (folded.startsWith(entry.phrase())) {
        return true;
      }
    }
    return false;
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

  private static boolean isDecorationOnly(String folded) {
    for (int k = 0; k < folded.length(); k++) {
      if ("-_=*~#+ ".indexOf(folded.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The line without surrounding dashes, underscores, stars and spaces, and a final colon. */
  private static String stripDecoration(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && "-_=* ".indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "-_=*: ".indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
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

  /**
   * The lines of a body, folded and classified on first use, in order: everything below the cut
   * (the quoted original, often most of the body) is never folded.
   */
  private final class Scan {
    private final List<String> lines;
    private final String[] folded;
    private final Kind[] kinds;
    private final boolean[] fenced;
    private final @Nullable Work work;
    private int ready;
    private boolean inFence;

    Scan(List<String> lines, @Nullable Work work) {
      this.lines = lines;
      this.folded = new String[lines.size()];
      this.kinds = new Kind[lines.size()];
      this.fenced = new boolean[lines.size()];
      this.work = work;
    }

    int size() {
      return lines.size();
    }

    String folded(int i) {
      read(i);
      return folded[i];
    }

    Kind kind(int i) {
      read(i);
      return kinds[i];
    }

    boolean fenced(int i) {
      read(i);
      return fenced[i];
    }

    /** A header line that belongs to the quote block below it. */
    void markQuote(int i) {
      read(i);
      kinds[i] = Kind.QUOTE;
    }

    int nextNonBlank(int from) {
      for (int i = from; i < size(); i++) {
        if (kind(i) != Kind.BLANK) {
          return i;
        }
      }
      return -1;
    }

    private void read(int i) {
      if (work != null) {
        work.lineReads++;
      }
      while (ready <= i) {
        fold(ready++);
      }
    }

    private void fold(int i) {
      if (work != null) {
        work.linesFolded++;
      }
      String line = lines.get(i);
      String f = Lexicon.collapseSpaces(Folded.fold(line)).strip();
      folded[i] = f;
      if (f.startsWith("```")) {
        inFence = !inFence;
        fenced[i] = true;
      }
      fenced[i] |= inFence;
      if (f.isEmpty()) {
        kinds[i] = Kind.BLANK;
      } else if (isQuoteLine(line) && !isHeaderTail(f)) {
        kinds[i] = Kind.QUOTE;
      } else {
        kinds[i] = Kind.TEXT;
      }
    }
  }

  private static final class Holder {
    static final ReplyTrimmer STANDARD = new ReplyTrimmer(Vocabulary.defaults());
  }
}
